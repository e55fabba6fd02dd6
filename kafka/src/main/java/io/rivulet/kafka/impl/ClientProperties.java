package io.rivulet.kafka.impl;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The Kafka client settings a sink subtask uses, from its configuration. */
final class ClientProperties {
  private ClientProperties() {}

  /** Bootstrap servers plus the user's properties: the base of every client (admin included). */
  static Map<String, Object> common(SinkConfig<?> config) {
    Map<String, Object> p = new HashMap<>(config.properties());
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    return p;
  }

  /** Producer: acknowledged by all in-sync replicas, idempotent (needed by transactions too). */
  static Map<String, Object> producer(SinkConfig<?> config) {
    Map<String, Object> p = common(config);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Math.min(Integer.MAX_VALUE, config.transactionTimeoutMillis()));
    return p;
  }

  /** Consumer that reads back aborted records of a transaction to replay them. */
  static Map<String, Object> replayConsumer(SinkConfig<?> config) {
    Map<String, Object> p = common(config);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return p;
  }
}
