package io.rivulet.kafka.exchange;

import io.rivulet.api.config.JobConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The DURABLE exchange's settings of one job, resolved from its {@link JobConfig} in the JVM that runs its tasks
 * (the bootstrap servers may come from that JVM's system property). Kafka client settings are the defaults below,
 * overridden by the job's {@code producer.*}, {@code consumer.*}, {@code admin.*} and {@code topic.*} properties.
 *
 * <p>Producer defaults favour throughput with a bounded delay: batches up to 512 KiB sent after at most 5 ms,
 * no compression (records are small and the broker is near), {@code acks=all} with idempotence so that a retry
 * does not duplicate a record within one attempt.
 *
 * <p>The consumer side needs each (partition, producer) pair in the topic in exactly the order it was sent
 * ({@link ProducerCombiner}: a barrier or an end after a record vouches for it). Idempotence alone does not give
 * that with more than one request in flight: when the first produce request for a fresh partition fails with a
 * retriable error (NOT_LEADER_OR_FOLLOWER while the broker is still applying the topic's creation), the next
 * request can arrive after the partition is ready and is appended — a broker with no state for a producer accepts
 * any first sequence number — and every retry of the first one is then refused as OUT_OF_ORDER_SEQUENCE_NUMBER
 * until {@code delivery.timeout.ms} expires it (KAFKA-15591). Its records are lost while later records, barriers
 * and ends of the same producer are in the topic. So {@code max.in.flight.requests.per.connection} is 1 and
 * idempotence stays on: a job may not override either.
 */
public record DurableSettings(String bootstrapServers, int partitionsPerConsumer, short replicationFactor,
    long maxInFlightBytes, int buffersPerChannel, Map<String, Object> producer, Map<String, Object> consumer,
    Map<String, Object> admin, Map<String, String> topic) {
  private static final String MAX_IN_FLIGHT = "max.in.flight.requests.per.connection";
  private static final String IDEMPOTENCE = "enable.idempotence";

  public static DurableSettings of(JobConfig config) {
    String servers = config.kafkaBootstrapServers();
    if (servers == null || servers.isBlank()) {
      throw new IllegalStateException("the job has a DURABLE exchange but no Kafka bootstrap servers: set them with"
          + " StreamEnvironment.setKafkaBootstrapServers(...), the system property " + JobConfig.KAFKA_BOOTSTRAP_PROPERTY
          + " or the environment variable " + JobConfig.KAFKA_BOOTSTRAP_ENV + " of the JVM that runs the tasks");
    }
    Map<String, String> p = config.durableExchangeProperties();
    Map<String, Object> producer = new HashMap<>();
    producer.put("bootstrap.servers", servers);
    producer.put("acks", "all");
    producer.put(IDEMPOTENCE, "true");
    producer.put("linger.ms", "5");
    producer.put("batch.size", String.valueOf(512 * 1024));
    producer.put("compression.type", "none");
    producer.put("buffer.memory", String.valueOf(64L << 20));
    producer.put(MAX_IN_FLIGHT, "1");
    Map<String, Object> consumer = new HashMap<>();
    consumer.put("bootstrap.servers", servers);
    consumer.put("enable.auto.commit", "false");
    consumer.put("auto.offset.reset", "earliest");
    consumer.put("max.poll.records", "4096");
    consumer.put("fetch.min.bytes", "1");
    consumer.put("fetch.max.wait.ms", "20");
    consumer.put("max.partition.fetch.bytes", String.valueOf(2 << 20));
    consumer.put("fetch.max.bytes", String.valueOf(16 << 20));
    consumer.put("receive.buffer.bytes", String.valueOf(1 << 20));
    Map<String, Object> admin = new HashMap<>();
    admin.put("bootstrap.servers", servers);
    Map<String, String> topic = new HashMap<>();
    // a week: data must outlive the oldest checkpoint a restart may go back to
    topic.put("retention.ms", String.valueOf(7L * 24 * 3600 * 1000));
    for (var e : p.entrySet()) {
      String k = e.getKey();
      if (k.startsWith("producer.")) {
        producer.put(k.substring(9), e.getValue());
      } else if (k.startsWith("consumer.")) {
        consumer.put(k.substring(9), e.getValue());
      } else if (k.startsWith("admin.")) {
        admin.put(k.substring(6), e.getValue());
      } else if (k.startsWith("topic.")) {
        topic.put(k.substring(6), e.getValue());
      }
    }
    require(producer, MAX_IN_FLIGHT, "1", "a retried request could be overtaken by the next one, which reorders"
        + " or loses records of a producer within a partition");
    require(producer, IDEMPOTENCE, "true", "a retried request could write its records twice");
    long inflight = Long.parseLong(p.getOrDefault("max.inflight.bytes", String.valueOf(16L << 20)));
    long bufferMemory = Long.parseLong(String.valueOf(producer.get("buffer.memory")));
    if (inflight >= bufferMemory) {
      // the producer must never block in send(): its buffer has to hold everything we let into flight
      throw new IllegalArgumentException("durable exchange: max.inflight.bytes (" + inflight
          + ") must stay below producer.buffer.memory (" + bufferMemory + ")");
    }
    return new DurableSettings(servers,
        positive(p, "partitions.per.consumer", 2),
        (short) positive(p, "replication.factor", 1),
        inflight,
        positive(p, "buffers", 4),
        Map.copyOf(producer), Map.copyOf(consumer), Map.copyOf(admin), Map.copyOf(topic));
  }

  private static void require(Map<String, Object> producer, String key, String value, String why) {
    String actual = String.valueOf(producer.get(key)).trim();
    if (!actual.equalsIgnoreCase(value)) {
      throw new IllegalArgumentException("durable exchange: producer." + key + " must be " + value + ", was " + actual
          + ": otherwise " + why);
    }
  }

  private static int positive(Map<String, String> p, String key, int dflt) {
    int v = Integer.parseInt(p.getOrDefault(key, String.valueOf(dflt)));
    if (v < 1) {
      throw new IllegalArgumentException("durable exchange: " + key + " must be at least 1, was " + v);
    }
    return v;
  }
}
