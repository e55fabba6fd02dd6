package io.rivulet.kafka;

import static io.rivulet.kafka.KafkaTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.InputStatus;
import io.rivulet.api.connector.SourceGate;
import io.rivulet.api.connector.SourceReader;
import io.rivulet.api.serialization.Types;
import io.rivulet.kafka.impl.KafkaSourceReader;
import io.rivulet.kafka.local.LocalKafka;
import io.rivulet.kafka.local.LocalKafkaExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The source against the real broker: bounded reads, fixed assignment, offsets in checkpoints. */
@ExtendWith(LocalKafkaExtension.class)
class KafkaSourceTest {
  private final KafkaTestSupport kafka;

  KafkaSourceTest(LocalKafka broker) {
    this.kafka = new KafkaTestSupport(broker);
  }

  /** Values "p<partition>-<i>" with timestamp 1_000_000 + 1000 * partition + i. */
  private static List<ProducerRecord<byte[], byte[]>> numbered(String topic, int partitions, int perPartition) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      for (int i = 0; i < perPartition; i++) {
        records.add(text(topic, p, 1_000_000L + 1000L * p + i, "p" + p + "-" + i));
      }
    }
    return records;
  }

  private KafkaSource.Builder<String> strings(String topic) {
    return KafkaSource.forStrings().bootstrapServers(kafka.bootstrap()).topic(topic);
  }

  /** Polls like a task thread until the reader ends. */
  static <T> void drain(SourceReader<T> reader, RecordingReaderOutput<T> out) {
    await().atMost(Duration.ofSeconds(120)).pollInSameThread().pollInterval(Duration.ofMillis(2))
        .until(() -> reader.pollNext(out) == InputStatus.END_OF_INPUT);
  }

  @Test
  void boundedJobReadsExactlyTheRecordsWithTheirTimestamps() throws Exception {
    String topic = kafka.topic("bounded", 3);
    kafka.produce(numbered(topic, 3, 10));
    KafkaSource<String> source = strings(topic).bounded(true).build();

    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    List<String> out = env.fromSource(source, null, "kafka")
        .process((String v, io.rivulet.api.functions.ProcessFunction.Context ctx,
            io.rivulet.api.functions.Collector<String> o) -> o.collect(v + "@" + ctx.timestamp()), Types.STRING)
        .executeAndCollect("bounded read");

    List<String> expected = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      for (int i = 0; i < 10; i++) {
        expected.add("p" + p + "-" + i + "@" + (1_000_000L + 1000L * p + i));
      }
    }
    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(source.counters().recordsRead()).isEqualTo(30);
    assertThat(source.counters().recordsDeadLettered()).isZero();
  }

  @Test
  void subtaskTakesThePartitionsWhoseNumberModuloParallelismIsItsIndex() throws Exception {
    String topic = kafka.topic("assignment", 3);
    kafka.produce(numbered(topic, 3, 20));
    KafkaSource<String> source = strings(topic).bounded(true).maxRecordsPerPoll(7).build();

    Map<Integer, List<String>> bySubtask = new java.util.HashMap<>();
    for (int subtask = 0; subtask < 2; subtask++) {
      try (KafkaSourceReader<String> reader =
          (KafkaSourceReader<String>) source.createReader(TestContexts.source(subtask, 2))) {
        RecordingReaderOutput<String> out = new RecordingReaderOutput<>();
        drain(reader, out);
        assertThat(reader.positions().keySet()).containsExactlyElementsOf(subtask == 0
            ? List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 2))
            : List.of(new TopicPartition(topic, 1)));
        assertThat(reader.positions().values()).containsOnly(20L);
        bySubtask.put(subtask, out.records);
      }
    }
    // every partition's records, in partition order, on the subtask that owns the partition
    assertThat(onlyPartition(bySubtask.get(0), 0)).containsExactlyElementsOf(values(0, 20));
    assertThat(onlyPartition(bySubtask.get(0), 2)).containsExactlyElementsOf(values(2, 20));
    assertThat(bySubtask.get(1)).containsExactlyElementsOf(values(1, 20));
    assertThat(bySubtask.get(0)).hasSize(40);
  }

  private static List<String> onlyPartition(List<String> records, int partition) {
    return records.stream().filter(v -> v.startsWith("p" + partition + "-")).collect(Collectors.toList());
  }

  private static List<String> values(int partition, int n) {
    List<String> v = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      v.add("p" + partition + "-" + i);
    }
    return v;
  }

  @Test
  void aHeldReaderEmitsNothingAtOrPastTheHoldOffsetAndDoesNotEndUntilItsGateOpens() throws Exception {
    String topic = kafka.topic("held", 1);
    kafka.produce(numbered(topic, 1, 20));
    SourceGate.Latch gate = SourceGate.latch();
    KafkaSource<String> source = strings(topic).bounded(true).maxRecordsPerPoll(7).holdAt(12, gate).build();
    try (KafkaSourceReader<String> reader =
        (KafkaSourceReader<String>) source.createReader(TestContexts.source(0, 1))) {
      RecordingReaderOutput<String> out = new RecordingReaderOutput<>();
      await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ofMillis(2))
          .until(() -> reader.pollNext(out) == InputStatus.NOTHING_AVAILABLE && out.records.size() == 12);
      for (int i = 0; i < 50; i++) {
        assertThat(reader.pollNext(out)).as("held").isEqualTo(InputStatus.NOTHING_AVAILABLE);
      }
      assertThat(out.records).containsExactlyElementsOf(values(0, 12));
      assertThat(reader.positions()).containsEntry(new TopicPartition(topic, 0), 12L);

      gate.open();
      drain(reader, out);
      assertThat(out.records).containsExactlyElementsOf(values(0, 20));
    }

    // held past the end: a bounded source reads everything, then waits for the gate to end
    topic = kafka.topic("held-at-end", 2);
    kafka.produce(numbered(topic, 2, 20));
    SourceGate.Latch end = SourceGate.latch();
    KafkaSource<String> atEnd = strings(topic).bounded(true).holdAt(1_000, end).build();
    try (KafkaSourceReader<String> reader =
        (KafkaSourceReader<String>) atEnd.createReader(TestContexts.source(0, 1))) {
      RecordingReaderOutput<String> out = new RecordingReaderOutput<>();
      await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ofMillis(2))
          .until(() -> reader.pollNext(out) == InputStatus.NOTHING_AVAILABLE && out.records.size() == 40);
      assertThat(reader.pollNext(out)).as("held at its end").isEqualTo(InputStatus.NOTHING_AVAILABLE);
      end.open();
      assertThat(reader.pollNext(out)).isEqualTo(InputStatus.END_OF_INPUT);
    }
  }

  @Test
  void restoredReaderContinuesExactlyAtTheCheckpointedOffsetsAndStopsWhereTheFirstRunWould() throws Exception {
    String topic = kafka.topic("restore", 2);
    kafka.produce(numbered(topic, 2, 50));
    KafkaSource<String> source = strings(topic).bounded(true).maxRecordsPerPoll(7).build();

    RecordingReaderOutput<String> first = new RecordingReaderOutput<>();
    byte[] state;
    try (SourceReader<String> reader = source.createReader(TestContexts.source(0, 1))) {
      await().atMost(Duration.ofSeconds(120)).pollInSameThread().pollInterval(Duration.ofMillis(2))
          .until(() -> {
            reader.pollNext(first);
            return first.records.size() >= 30;
          });
      state = reader.snapshotState(1);
    }
    assertThat(first.records).hasSizeLessThan(100); // stopped in the middle

    // written after the first run began: beyond the end offsets that bounded run fixed, so not read
    kafka.produce(List.of(text(topic, 0, 5L, "late-0"), text(topic, 1, 5L, "late-1")));

    RecordingReaderOutput<String> second = new RecordingReaderOutput<>();
    try (SourceReader<String> reader = source.createReader(TestContexts.source(0, 1))) {
      reader.restoreState(state);
      drain(reader, second);
    }
    List<String> all = new ArrayList<>(first.records);
    all.addAll(second.records);
    List<String> expected = new ArrayList<>(values(0, 50));
    expected.addAll(values(1, 50));
    assertThat(all).hasSize(100).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(onlyPartition(second.records, 0)).isEqualTo(
        values(0, 50).subList(onlyPartition(first.records, 0).size(), 50));
  }
}
