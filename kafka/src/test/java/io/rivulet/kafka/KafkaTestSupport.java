package io.rivulet.kafka;

import io.rivulet.kafka.local.LocalKafka;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producing into and reading back from the shared test broker; topics are unique per call. */
final class KafkaTestSupport {
  private static final AtomicInteger TOPICS = new AtomicInteger();

  private final LocalKafka kafka;

  KafkaTestSupport(LocalKafka kafka) {
    this.kafka = kafka;
  }

  String bootstrap() {
    return kafka.bootstrapServers();
  }

  /** Creates a new topic named after {@code name}. */
  String topic(String name, int partitions) {
    String topic = name + "-" + TOPICS.incrementAndGet();
    kafka.createTopic(topic, partitions);
    return topic;
  }

  /** Writes records and waits until they are acknowledged. */
  void produce(List<ProducerRecord<byte[], byte[]>> records) {
    Map<String, Object> p = new HashMap<>(kafka.clientProperties());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      records.forEach(producer::send);
      producer.flush();
    }
  }

  static ProducerRecord<byte[], byte[]> text(String topic, int partition, long timestamp, String value) {
    return new ProducerRecord<>(topic, partition, timestamp, null, value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Every record of {@code topic} up to its current end, read with {@code isolation} ("read_committed" stops
   * at the last stable offset and skips aborted records).
   */
  List<ConsumerRecord<byte[], byte[]>> readAll(String topic, String isolation) {
    Map<String, Object> p = new HashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(60))) {
        tps.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps);
      List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " up to " + end + " within 120 s");
        }
        consumer.poll(Duration.ofMillis(100)).forEach(out::add);
      }
      return out;
    }
  }

  /**
   * Waits until no transaction is open on {@code topic} (every partition's last stable offset reached its end:
   * commit and abort markers are written asynchronously after a commit returns), then reads what is committed.
   */
  List<String> readSettled(String topic) {
    Map<String, Object> p = new HashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> committed =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
      try (KafkaConsumer<byte[], byte[]> all =
          new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        List<TopicPartition> tps = new ArrayList<>();
        for (PartitionInfo info : all.partitionsFor(topic, Duration.ofSeconds(60))) {
          tps.add(new TopicPartition(topic, info.partition()));
        }
        await().atMost(Duration.ofSeconds(120))
            .until(() -> committed.endOffsets(tps).equals(all.endOffsets(tps)));
      }
    }
    return readValues(topic, "read_committed");
  }

  /** Values of {@link #readAll} as text. */
  List<String> readValues(String topic, String isolation) {
    List<String> values = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(topic, isolation)) {
      values.add(new String(r.value(), StandardCharsets.UTF_8));
    }
    return values;
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
