package io.rivulet.kafka;

import static io.rivulet.kafka.KafkaTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rivulet.api.connector.SourceReader;
import io.rivulet.api.watermark.WatermarkStrategy;
import io.rivulet.kafka.local.LocalKafka;
import io.rivulet.kafka.local.LocalKafkaExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-partition watermarks of one subtask reading three partitions, with processing time moved by hand (the
 * reader's clock), so that periodic emission and idleness happen exactly when the test says.
 */
@ExtendWith(LocalKafkaExtension.class)
class PartitionWatermarksTest {
  private static final long INTERVAL = 50;
  private final KafkaTestSupport kafka;
  private final AtomicLong clock = new AtomicLong(0);

  PartitionWatermarksTest(LocalKafka broker) {
    this.kafka = new KafkaTestSupport(broker);
  }

  private static List<ProducerRecord<byte[], byte[]>> timestamps(String topic, int partition, long first, int n) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(text(topic, partition, first + i, "p" + partition + "@" + (first + i)));
    }
    return records;
  }

  private SourceReader<String> reader(String topic, WatermarkStrategy<String> strategy) throws Exception {
    KafkaSource<String> source = KafkaSource.forStrings().bootstrapServers(kafka.bootstrap()).topic(topic)
        .watermarkStrategy(strategy).watermarkInterval(Duration.ofMillis(INTERVAL)).build();
    return source.createReader(TestContexts.source(0, 1, clock::get));
  }

  /** Polls (clock standing still) until {@code n} records were emitted. */
  private static void pollUntilRecords(SourceReader<String> reader, RecordingReaderOutput<String> out, int n) {
    await().atMost(Duration.ofSeconds(120)).pollInSameThread().pollInterval(Duration.ofMillis(2))
        .until(() -> {
          reader.pollNext(out);
          return out.records.size() >= n;
        });
  }

  /** Moves processing time to {@code t} and lets the reader run its periodic emission. */
  private void at(long t, SourceReader<String> reader, RecordingReaderOutput<String> out) throws Exception {
    clock.set(t);
    reader.pollNext(out);
  }

  @Test
  void aPartitionBehindHoldsTheWatermarkBackUntilItAdvances() throws Exception {
    String topic = kafka.topic("behind", 3);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(timestamps(topic, 0, 1000, 10));
    records.addAll(timestamps(topic, 1, 2000, 10));
    records.addAll(timestamps(topic, 2, 100, 10)); // partition 2 is far behind
    kafka.produce(records);

    RecordingReaderOutput<String> out = new RecordingReaderOutput<>();
    try (SourceReader<String> reader = reader(topic, WatermarkStrategy.forMonotonousTimestamps())) {
      pollUntilRecords(reader, out, 30);
      at(100, reader, out);
      assertThat(out.lastWatermark()).isEqualTo(108); // min(1009, 2009, 109) - 1
      at(200, reader, out);
      at(300, reader, out);
      assertThat(out.watermarks).allMatch(w -> w <= 108);

      kafka.produce(timestamps(topic, 2, 3000, 1)); // the slow partition moves past the others
      pollUntilRecords(reader, out, 31);
      at(400, reader, out);
      assertThat(out.lastWatermark()).isEqualTo(1008); // now partition 0 is the slowest
      assertThat(out.timestamps).contains(100L, 1009L, 2009L, 3000L);
    }
  }

  @Test
  void anIdlePartitionDoesNotHoldTheWatermarkBackAndAllIdleMakesTheSubtaskIdle() throws Exception {
    String topic = kafka.topic("idle", 3);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(timestamps(topic, 0, 1000, 10));
    records.addAll(timestamps(topic, 1, 2000, 10)); // partition 2 gets nothing
    kafka.produce(records);

    RecordingReaderOutput<String> out = new RecordingReaderOutput<>();
    WatermarkStrategy<String> strategy =
        WatermarkStrategy.<String>forMonotonousTimestamps().withIdleness(Duration.ofMillis(200));
    try (SourceReader<String> reader = reader(topic, strategy)) {
      pollUntilRecords(reader, out, 20);
      at(100, reader, out);
      assertThat(out.watermarks).isEmpty(); // partition 2 has no watermark and is not idle yet
      at(250, reader, out); // partition 2 quiet for 250 ms: idle; partitions 0 and 1 quiet for 150 ms only
      assertThat(out.watermarks).containsExactly(1008L);
      assertThat(out.idle).isFalse();
      at(500, reader, out); // now all three are quiet for longer than the timeout
      assertThat(out.idle).isTrue();
      assertThat(out.events.get(out.events.size() - 1).kind()).isEqualTo("idle");

      kafka.produce(timestamps(topic, 2, 5000, 1)); // partition 2 wakes up: active again before its record
      pollUntilRecords(reader, out, 21);
      int record = out.events.size() - 1;
      assertThat(out.events.get(record).value()).isEqualTo("p2@5000");
      assertThat(out.events.get(record - 1).kind()).isEqualTo("watermark");
      assertThat(out.idle).isFalse();
      at(600, reader, out);
      assertThat(out.lastWatermark()).isEqualTo(4999); // only partition 2 is active
    }
  }
}
