package io.rivulet.kafka;

import static io.rivulet.kafka.KafkaTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rivulet.api.connector.SourceReader;
import io.rivulet.kafka.impl.KafkaSourceReader;
import io.rivulet.kafka.local.LocalKafka;
import io.rivulet.kafka.local.LocalKafkaExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Where a reader without a checkpoint starts: the end of the log, or the group's committed offsets. */
@ExtendWith(LocalKafkaExtension.class)
class StartingOffsetsTest {
  private final LocalKafka broker;
  private final KafkaTestSupport kafka;

  StartingOffsetsTest(LocalKafka broker) {
    this.broker = broker;
    this.kafka = new KafkaTestSupport(broker);
  }

  private static List<ProducerRecord<byte[], byte[]>> records(String topic, String prefix, int n) {
    List<ProducerRecord<byte[], byte[]>> r = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      r.add(text(topic, 0, 1L, prefix + i));
    }
    return r;
  }

  private static void pollUntil(SourceReader<String> reader, RecordingReaderOutput<String> out,
      java.util.function.BooleanSupplier done) {
    await().atMost(Duration.ofSeconds(120)).pollInSameThread().pollInterval(Duration.ofMillis(2))
        .until(() -> {
          reader.pollNext(out);
          return done.getAsBoolean();
        });
  }

  @Test
  void latestSkipsWhatWasWrittenBeforeTheReaderStarted() throws Exception {
    String topic = kafka.topic("latest", 1);
    kafka.produce(records(topic, "old", 5));
    KafkaSource<String> source = KafkaSource.forStrings().bootstrapServers(kafka.bootstrap()).topic(topic)
        .startingOffsets(StartingOffsets.LATEST).build();
    RecordingReaderOutput<String> out = new RecordingReaderOutput<>();
    try (KafkaSourceReader<String> reader =
        (KafkaSourceReader<String>) source.createReader(TestContexts.source(0, 1))) {
      pollUntil(reader, out, () -> !reader.positions().isEmpty());
      assertThat(reader.positions()).containsEntry(new TopicPartition(topic, 0), 5L);
      kafka.produce(records(topic, "new", 3));
      pollUntil(reader, out, () -> out.records.size() >= 3);
      assertThat(out.records).containsExactly("new0", "new1", "new2");
    }
  }

  @Test
  void committedContinuesWhereTheGroupCommittedAtACompletedCheckpoint() throws Exception {
    String topic = kafka.topic("committed", 1);
    String group = "group-" + topic;
    kafka.produce(records(topic, "a", 10));
    KafkaSource<String> first = KafkaSource.forStrings().bootstrapServers(kafka.bootstrap()).topic(topic)
        .groupId(group).build();
    RecordingReaderOutput<String> out = new RecordingReaderOutput<>();
    try (SourceReader<String> reader = first.createReader(TestContexts.source(0, 1))) {
      pollUntil(reader, out, () -> out.records.size() >= 10);
      reader.snapshotState(1);
      reader.notifyCheckpointComplete(1); // the fetch thread commits the checkpoint's offsets to the group
      try (Admin admin = Admin.create(broker.clientProperties())) {
        pollUntil(reader, out, () -> committedOffset(admin, group, new TopicPartition(topic, 0)) == 10L);
      }
    }

    kafka.produce(records(topic, "b", 2));
    KafkaSource<String> second = KafkaSource.forStrings().bootstrapServers(kafka.bootstrap()).topic(topic)
        .groupId(group).startingOffsets(StartingOffsets.COMMITTED).build();
    RecordingReaderOutput<String> more = new RecordingReaderOutput<>();
    try (SourceReader<String> reader = second.createReader(TestContexts.source(0, 1))) {
      pollUntil(reader, more, () -> more.records.size() >= 2);
      assertThat(more.records).containsExactly("b0", "b1");
    }
  }

  private static long committedOffset(Admin admin, String group, TopicPartition tp) {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(60, TimeUnit.SECONDS);
      OffsetAndMetadata m = offsets.get(tp);
      return m == null ? -1 : m.offset();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
