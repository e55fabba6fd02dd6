package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rivulet.api.connector.FileSink;
import io.rivulet.client.RivuletClient;
import io.rivulet.examples.fifo.FifoJob;
import io.rivulet.examples.fifo.KeySummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of a task runtime in the middle of the FIFO job: the control plane notices (the other runtime's
 * broken data connections or the missing heartbeats), cancels the attempt and redeploys it from the last completed
 * checkpoint on the runtimes left; the checker then sees no gap, no duplicate and no order violation for any key,
 * and every record exactly once.
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
    // the source holds half way until the test releases it: the job certainly still runs when the runtime dies
    Path release = cluster.shared("release").resolve("release");
    String jobId = client.runJar(jarId, FifoJob.class.getName(), List.of("--keys", String.valueOf(keys),
        "--records", String.valueOf(records), "--rate", "50000", "--checkpoint-interval", "300",
        "--output", out.toString(), "--hold-at", String.valueOf(records / 2), "--release-file", release.toString()),
        2, null);

    // a few checkpoints (they go on while the source is held), then kill a runtime that hosts its tasks
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> client.get("v1/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong() >= 3);
    String victimId = client.job(jobId).path("vertices").get(0).path("subtasks").get(0).path("taskmanager-id")
        .asText();
    assertThat(victimId).as("the runtime of the source's first subtask").matches("runtime-[0-2]");
    int victim = Integer.parseInt(victimId.substring("runtime-".length()));
    assertThat(client.jobState(jobId)).as("the job runs when the runtime is killed").isEqualTo("RUNNING");
    cluster.kill(victim);

    // the loss is recorded, whether the broken connections or the missing heartbeats tell first (the job cannot
    // end meanwhile: its source is still held); then the input goes on
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> client.get("v1/jobs/" + jobId + "/exceptions").toString().contains(victimId));
    Files.createFile(release);
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
        .until(() -> List.of("FINISHED", "FAILED", "CANCELED").contains(client.jobState(jobId)));
    assertThat(client.jobState(jobId)).as("exceptions: %s", client.get("v1/jobs/" + jobId + "/exceptions"))
        .isEqualTo("FINISHED");

    List<KeySummary> summaries = FileSink.committedLines(out).stream().map(FifoJob::parseSummary).toList();
    FifoJob.Verdict verdict = FifoJob.Verdict.of(summaries);
    assertThat(summaries).extracting(KeySummary::key).doesNotHaveDuplicates().hasSize(keys);
    assertThat(verdict.violations()).as("no gap, duplicate or reordering per key").isZero();
    assertThat(verdict.records()).as("every record exactly once").isEqualTo(records);
    assertThat(summaries).allSatisfy(s -> assertThat(s.lastSeq()).isEqualTo(records / keys - 1));
  }
}
