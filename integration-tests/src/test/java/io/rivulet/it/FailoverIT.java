package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rivulet.api.connector.FileSink;
import io.rivulet.client.RivuletClient;
import io.rivulet.examples.fifo.FifoJob;
import io.rivulet.examples.fifo.KeySummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of a task runtime in the middle of the FIFO job: the control plane notices the missing
 * heartbeats, cancels the attempt and redeploys it from the last completed checkpoint on the runtimes left; the
 * checker then sees no gap, no duplicate and no order violation for any key, and every record exactly once.
 */
class FailoverIT {
  private static LocalCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    // three runtimes of two slots: after one is killed, the job (parallelism 2) still finds its slots
    cluster = new LocalCluster("failover", 3, 2);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void killingARuntimeMidJobKeepsPerKeyOrderAndExactlyOnce() throws Exception {
    RivuletClient client = cluster.client();
    String jarId = client.uploadJar(Path.of(System.getProperty("rivulet.examples.jar")));
    Path out = cluster.shared("fifo");
    long records = 400_000;
    int keys = 200;
    String jobId = client.runJar(jarId, FifoJob.class.getName(), List.of("--keys", String.valueOf(keys),
        "--records", String.valueOf(records), "--rate", "50000", "--checkpoint-interval", "300",
        "--output", out.toString()), 2, null);

    // let it run past a few checkpoints, then kill a runtime that hosts its tasks
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> client.get("v1/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong() >= 3);
    int victim = -1;
    for (int i = 0; i < 3 && victim < 0; i++) {
      if (Http.json(cluster.runtimeUrl(i) + "/v1/runtime").toString().contains(jobId)) {
        victim = i;
      }
    }
    assertThat(victim).as("a runtime hosts the job").isNotNegative();
    cluster.kill(victim);

    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> List.of("FINISHED", "FAILED", "CANCELED").contains(client.jobState(jobId)));
    assertThat(client.jobState(jobId)).isEqualTo("FINISHED");
    assertThat(client.get("v1/jobs/" + jobId + "/exceptions").toString()).as("the loss is recorded")
        .contains("runtime-" + victim);

    List<KeySummary> summaries = FileSink.committedLines(out).stream().map(FifoJob::parseSummary).toList();
    FifoJob.Verdict verdict = FifoJob.Verdict.of(summaries);
    assertThat(summaries).extracting(KeySummary::key).doesNotHaveDuplicates().hasSize(keys);
    assertThat(verdict.violations()).as("no gap, duplicate or reordering per key").isZero();
    assertThat(verdict.records()).as("every record exactly once").isEqualTo(records);
    assertThat(summaries).allSatisfy(s -> assertThat(s.lastSeq()).isEqualTo(records / keys - 1));
  }
}
