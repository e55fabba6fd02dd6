package io.rivulet.kafkait;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.kafka.local.LocalKafka;
import io.rivulet.kafka.exchange.Envelope;
import io.rivulet.kafka.exchange.EnvelopeCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads what a DURABLE edge left in its topic, for tests that check the topic itself. */
final class TopicEnvelopes {
  private TopicEnvelopes() {}

  interface Visitor {
    /** One decoded envelope; it is reused for the next one. */
    void visit(int partition, long offset, Envelope envelope) throws Exception;
  }

  /**
   * Every envelope of every partition of {@code topic}, from the beginning to the end offsets the run left, in
   * offset order per partition; fails if that takes more than a minute.
   */
  static void read(LocalKafka kafka, String topic, Visitor visitor) throws Exception {
    Map<String, Object> config = new HashMap<>(kafka.clientProperties());
    config.put("enable.auto.commit", "false");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Envelope envelope = new Envelope();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        assertThat(System.nanoTime()).as("reading " + topic + " to " + end).isLessThan(deadline);
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          visitor.visit(r.partition(), r.offset(), EnvelopeCodec.decode(r.value(), envelope));
        }
      }
    }
  }
}
