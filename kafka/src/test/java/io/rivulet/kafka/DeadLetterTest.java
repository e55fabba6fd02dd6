package io.rivulet.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.kafka.local.LocalKafka;
import io.rivulet.kafka.local.LocalKafkaExtension;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Undecodable records go to the dead-letter topic with their origin and reason; the job goes on. */
@ExtendWith(LocalKafkaExtension.class)
class DeadLetterTest {
  /** Not UTF-8: 0xC3 starts a two-byte sequence that 0x28 cannot continue. */
  private static final byte[] MALFORMED = {(byte) 0xC3, (byte) 0x28};

  private final KafkaTestSupport kafka;

  DeadLetterTest(LocalKafka broker) {
    this.kafka = new KafkaTestSupport(broker);
  }

  @Test
  void everyRecordReadIsEitherEmittedOrDeadLettered() throws Exception {
    String topic = kafka.topic("dlq-in", 2);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    List<String> good = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int partition = i % 2;
      if (i % 8 == 3) { // 5 bad ones among 40
        records.add(new ProducerRecord<>(topic, partition, 7_000L + i, ("key-" + i).getBytes(StandardCharsets.UTF_8),
            MALFORMED));
      } else {
        good.add("v" + i);
        records.add(KafkaTestSupport.text(topic, partition, 7_000L + i, "v" + i));
      }
    }
    kafka.produce(records);
    KafkaSource<String> source = KafkaSource.forStrings().bootstrapServers(kafka.bootstrap()).topic(topic)
        .bounded(true).build();

    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    List<String> out = env.fromSource(source, null, "kafka").executeAndCollect("dead letters");

    assertThat(out).containsExactlyInAnyOrderElementsOf(good);
    KafkaSourceCounters counters = source.counters();
    assertThat(counters.recordsRead()).isEqualTo(40);
    assertThat(counters.recordsDeadLettered()).isEqualTo(5);
    assertThat(counters.recordsEmitted()).isEqualTo(out.size()).isEqualTo(35);
    assertThat(counters.recordsRead()).isEqualTo(out.size() + counters.recordsDeadLettered());

    assertThat(source.deadLetterTopic()).isEqualTo(topic + ".dlq");
    List<ConsumerRecord<byte[], byte[]>> dead = kafka.readAll(source.deadLetterTopic(), "read_committed");
    assertThat(dead).hasSize(5);
    for (ConsumerRecord<byte[], byte[]> d : dead) {
      int i = Integer.parseInt(new String(d.key(), StandardCharsets.UTF_8).substring("key-".length()));
      assertThat(d.value()).isEqualTo(MALFORMED);
      assertThat(d.timestamp()).isEqualTo(7_000L + i);
      assertThat(KafkaTestSupport.header(d, DeadLetterHeaders.EXCEPTION_CLASS))
          .isEqualTo(MalformedInputException.class.getName());
      assertThat(KafkaTestSupport.header(d, DeadLetterHeaders.EXCEPTION_MESSAGE)).isEqualTo("Input length = 1");
      assertThat(KafkaTestSupport.header(d, DeadLetterHeaders.ORIGIN_TOPIC)).isEqualTo(topic);
      assertThat(KafkaTestSupport.header(d, DeadLetterHeaders.ORIGIN_PARTITION)).isEqualTo(String.valueOf(i % 2));
      // the i-th record went to partition i % 2 as its (i / 2)-th record
      assertThat(KafkaTestSupport.header(d, DeadLetterHeaders.ORIGIN_OFFSET)).isEqualTo(String.valueOf(i / 2));
      assertThat(KafkaTestSupport.header(d, DeadLetterHeaders.ORIGIN_TIMESTAMP)).isEqualTo(String.valueOf(7_000L + i));
    }
  }

  @Test
  void aKafkaDeserializerThatThrowsDeadLettersTheRecord() throws Exception {
    String topic = kafka.topic("dlq-longs", 1);
    LongSerializer longs = new LongSerializer();
    kafka.produce(List.of(
        new ProducerRecord<>(topic, 0, 1L, null, longs.serialize(topic, 7L)),
        new ProducerRecord<>(topic, 0, 2L, null, new byte[] {1, 2, 3}), // not 8 bytes
        new ProducerRecord<>(topic, 0, 3L, null, longs.serialize(topic, 9L))));
    KafkaSource<Long> source = KafkaSource.<Long>builder().bootstrapServers(kafka.bootstrap()).topic(topic)
        .deserializer(KafkaRecordDeserializer.valueOnly(LongDeserializer.class, Map.of()))
        .deadLetterTopic(topic + "-bad").bounded(true).build();

    RecordingReaderOutput<Long> out = new RecordingReaderOutput<>();
    try (var reader = source.createReader(TestContexts.source(0, 1))) {
      KafkaSourceTest.drain(reader, out);
    }
    assertThat(out.records).containsExactly(7L, 9L);
    assertThat(out.timestamps).containsExactly(1L, 3L);
    List<ConsumerRecord<byte[], byte[]>> dead = kafka.readAll(topic + "-bad", "read_committed");
    assertThat(dead).hasSize(1);
    assertThat(KafkaTestSupport.header(dead.get(0), DeadLetterHeaders.EXCEPTION_CLASS))
        .isEqualTo(SerializationException.class.getName());
    assertThat(KafkaTestSupport.header(dead.get(0), DeadLetterHeaders.ORIGIN_OFFSET)).isEqualTo("1");
    assertThat(source.counters().recordsDeadLettered()).isEqualTo(1);
  }
}
