package io.rivulet.kafka;

import static io.rivulet.kafka.KafkaTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.config.RestartStrategy;
import io.rivulet.api.serialization.Types;
import io.rivulet.kafka.local.LocalKafka;
import io.rivulet.kafka.local.LocalKafkaExtension;
import io.rivulet.runtime.execution.LocalExecutor;
import io.rivulet.runtime.execution.LocalJobHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Whole jobs on the local executor with a task failure injected: Kafka in, Kafka out. */
@ExtendWith(LocalKafkaExtension.class)
class KafkaJobTest {
  private final KafkaTestSupport kafka;
  @TempDir Path checkpoints;

  KafkaJobTest(LocalKafka broker) {
    this.kafka = new KafkaTestSupport(broker);
  }

  private static List<ProducerRecord<byte[], byte[]>> batch(String topic, String prefix, int partitions, int n,
      List<String> values) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String v = prefix + i;
      values.add(v);
      records.add(text(topic, i % partitions, 1_000L + i, v));
    }
    return records;
  }

  private StreamEnvironment environment(String name) {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2)
        .enableCheckpointing(Duration.ofMillis(200))
        .setRestartStrategy(RestartStrategy.fixedDelay(2, Duration.ofMillis(100)));
    env.config().checkpointDirectory(checkpoints.resolve(name).toString());
    return env;
  }

  /**
   * Source offsets in checkpoints plus transactions in the sink: after a failure the job restarts from the last
   * checkpoint, and a read_committed consumer of the output sees every input record exactly once.
   */
  @Test
  void everyRecordArrivesExactlyOnceThroughAFailure() throws Exception {
    String in = kafka.topic("job-in", 3);
    String out = kafka.topic("job-out", 3);
    List<String> expected = new ArrayList<>();
    kafka.produce(batch(in, "a", 3, 300, expected));

    StreamEnvironment env = environment("exactly-once");
    KafkaSource<String> source = KafkaSource.forStrings().bootstrapServers(kafka.bootstrap()).topic(in).build();
    env.fromSource(source, null, "kafka in")
        .map(new FailOnFirst("b"), Types.STRING)
        .sinkTo(KafkaSink.<String>builder().bootstrapServers(kafka.bootstrap()).topic(out)
            .serializer(KafkaRecordSerializer.utf8Values())
            .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .transactionalIdPrefix("job-test-" + out)
            .build());
    LocalJobHandle job = new LocalExecutor().start(env.jobGraph("kafka exactly once"));
    try {
      // the first batch is committed: a checkpoint completed and the source's offsets are in it
      await().atMost(Duration.ofSeconds(60)).until(() -> kafka.readValues(out, "read_committed").size() == 300);
      assertThat(job.restarts()).isZero();

      kafka.produce(batch(in, "b", 3, 300, expected)); // the first "b" record on subtask 0 fails the job once
      await().atMost(Duration.ofSeconds(60)).until(() -> job.restarts() == 1
          && kafka.readValues(out, "read_committed").size() >= 600);
      long checkpoints = job.completedCheckpoints();
      await().atMost(Duration.ofSeconds(60)).until(() -> job.completedCheckpoints() >= checkpoints + 2);

      List<String> seen = kafka.readSettled(out);
      assertThat(seen).hasSize(600).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
      assertThat(job.jobMaster().failures()).singleElement()
          .satisfies(f -> assertThat(f.stacktrace()).contains("injected failure at b"));
      assertThat(source.counters().recordsRead()).isGreaterThanOrEqualTo(600); // some read twice, emitted once
    } finally {
      job.cancel();
    }
  }

  /** Without transactions: every record arrives, some possibly twice, even through a failure. */
  @Test
  void atLeastOnceSinkLosesNothingThroughAFailure() throws Exception {
    String out = kafka.topic("alo-out", 2);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      expected.add((i == 1500 ? "x" : "v") + i);
    }
    StreamEnvironment env = environment("at-least-once");
    List<String> values = expected;
    env.fromGenerator(i -> values.get((int) i), values.size(), 4000, Types.STRING)
        .map(new FailOnFirst("x"), Types.STRING)
        .sinkTo(KafkaSink.<String>builder().bootstrapServers(kafka.bootstrap()).topic(out)
            .serializer(KafkaRecordSerializer.utf8Values())
            .build());
    var result = env.execute("kafka at least once");

    assertThat(result.restarts()).isEqualTo(1);
    List<String> seen = kafka.readValues(out, "read_committed");
    assertThat(seen).containsAll(expected).hasSizeGreaterThanOrEqualTo(expected.size());
    assertThat(new java.util.HashSet<>(seen)).hasSize(expected.size());
  }
}
