package io.rivulet.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rivulet.api.connector.SinkWriter;
import io.rivulet.kafka.local.LocalKafka;
import io.rivulet.kafka.local.LocalKafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The exactly-once writer driven by hand through checkpoints, commits and crashes (a "crashed" writer is simply
 * abandoned: its producers stay alive, as in a process that hangs, until the restored writer fenced them).
 */
@ExtendWith(LocalKafkaExtension.class)
class ExactlyOnceWriterTest {
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private final KafkaTestSupport kafka;

  ExactlyOnceWriterTest(LocalKafka broker) {
    this.kafka = new KafkaTestSupport(broker);
  }

  private KafkaSink<String> sink(String topic) {
    return KafkaSink.<String>builder().bootstrapServers(kafka.bootstrap()).topic(topic)
        .serializer(KafkaRecordSerializer.utf8Values())
        .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .transactionalIdPrefix("eo-test-" + PREFIXES.incrementAndGet())
        .build();
  }

  private static void write(SinkWriter<String> w, String... values) throws Exception {
    for (String v : values) {
      w.write(v, 42L);
    }
  }

  /** What read_committed consumers see once no transaction is open any more. */
  private List<String> committed(String topic) {
    return kafka.readSettled(topic);
  }

  /** What read_committed consumers see now (another transaction may still be open). */
  private List<String> visibleNow(String topic) {
    return kafka.readValues(topic, "read_committed");
  }

  /** Waits until a commit's markers are written and read_committed consumers see {@code values}. */
  private void awaitVisible(String topic, String... values) {
    await().atMost(Duration.ofSeconds(120)).untilAsserted(
        () -> assertThat(visibleNow(topic)).containsExactlyInAnyOrder(values));
  }

  @Test
  void recordsBecomeVisibleWhenTheirCheckpointCompletes() throws Exception {
    String topic = kafka.topic("eo-visible", 2);
    try (SinkWriter<String> w = sink(topic).createWriter(TestContexts.sink(0, 1))) {
      write(w, "a", "b", "c");
      w.snapshotState(1);
      write(w, "d");
      assertThat(visibleNow(topic)).isEmpty();
      w.notifyCheckpointComplete(1);
      awaitVisible(topic, "a", "b", "c"); // "d" is in the next transaction, still open
      w.snapshotState(2);
      w.notifyCheckpointComplete(2);
      assertThat(committed(topic)).containsExactlyInAnyOrder("a", "b", "c", "d");
      List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic, "read_committed");
      assertThat(records).allMatch(r -> r.timestamp() == 42L);
    }
  }

  @Test
  void aCrashBetweenCheckpointCompletionAndCommitIsRepairedOnRestore() throws Exception {
    String topic = kafka.topic("eo-window", 3);
    KafkaSink<String> sink = sink(topic);
    SinkWriter<String> crashed = sink.createWriter(TestContexts.sink(0, 1));
    write(crashed, "a", "b", "c", "d", "e");
    byte[] state = crashed.snapshotState(1); // checkpoint 1 completes, but the commit never happens
    write(crashed, "f"); // after the barrier: not covered by checkpoint 1, must never appear

    try (SinkWriter<String> restored = sink.createWriter(TestContexts.sink(0, 1))) {
      restored.restoreState(state);
      assertThat(committed(topic)).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
      write(restored, "g");
      restored.snapshotState(2);
      restored.notifyCheckpointComplete(2);
      assertThat(committed(topic)).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "g");
    } finally {
      crashed.close(); // fenced by now: closing changes nothing
    }
    assertThat(committed(topic)).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "g");
  }

  @Test
  void aRestoreAfterTheCommitWritesNothingTwiceAndAbortsWhatCameAfter() throws Exception {
    String topic = kafka.topic("eo-committed", 1);
    KafkaSink<String> sink = sink(topic);
    SinkWriter<String> crashed = sink.createWriter(TestContexts.sink(0, 1));
    write(crashed, "a", "b");
    byte[] state = crashed.snapshotState(1);
    crashed.notifyCheckpointComplete(1);
    write(crashed, "c"); // open transaction of a writer that dies: it would block read_committed readers

    try (SinkWriter<String> restored = sink.createWriter(TestContexts.sink(0, 1))) {
      restored.restoreState(state);
      write(restored, "d");
      restored.snapshotState(2);
      restored.notifyCheckpointComplete(2);
      // readable up to the end: the dead writer's transaction was aborted, not left open until its timeout
      assertThat(committed(topic)).containsExactly("a", "b", "d");
    } finally {
      crashed.close();
    }
  }

  @Test
  void transactionsCommitInOrderUpToTheOneTheMarkerNames() throws Exception {
    String topic = kafka.topic("eo-two-pending", 2);
    KafkaSink<String> sink = sink(topic);
    SinkWriter<String> crashed = sink.createWriter(TestContexts.sink(0, 1));
    write(crashed, "a", "b", "c");
    crashed.snapshotState(1);
    write(crashed, "d", "e");
    byte[] state = crashed.snapshotState(2); // names transactions 1 and 2
    crashed.notifyCheckpointComplete(1); // only 1 committed before the crash

    try (SinkWriter<String> restored = sink.createWriter(TestContexts.sink(0, 1))) {
      restored.restoreState(state);
      assertThat(committed(topic)).hasSize(5).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    } finally {
      crashed.close();
    }
  }

  @Test
  void anAbortedCheckpointCommitsWithTheNextOne() throws Exception {
    String topic = kafka.topic("eo-aborted", 1);
    try (SinkWriter<String> w = sink(topic).createWriter(TestContexts.sink(0, 1))) {
      write(w, "a", "b");
      w.snapshotState(1);
      w.notifyCheckpointAborted(1);
      write(w, "c");
      w.snapshotState(2);
      assertThat(visibleNow(topic)).isEmpty();
      w.notifyCheckpointComplete(2);
      assertThat(committed(topic)).containsExactly("a", "b", "c");
    }
  }

  @Test
  void theTailStagedByFinishCommitsAtTheEndOfInput() throws Exception {
    String topic = kafka.topic("eo-finish", 1);
    try (SinkWriter<String> w = sink(topic).createWriter(TestContexts.sink(0, 1))) {
      write(w, "a");
      w.finish();
      assertThat(visibleNow(topic)).isEmpty();
      w.notifyCheckpointComplete(SinkWriter.END_OF_INPUT);
      assertThat(committed(topic)).containsExactly("a");
    }
  }
}
