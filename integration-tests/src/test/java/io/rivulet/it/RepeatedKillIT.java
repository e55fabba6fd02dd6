package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.api.connector.FileSink;
import io.rivulet.client.RivuletClient;
import io.rivulet.examples.fifo.FifoJob;
import io.rivulet.examples.fifo.KeySummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of task runtimes, again and again, with the heartbeat timeout set to ten minutes: a runtime's loss
 * can only be noticed from its broken connections (the control plane's to it, its peers' data connections), so every
 * restart here proves that path. Each kill costs exactly one restart, five kills in a row with a budget of five end
 * with exact output, and a job whose tasks all ran on the killed runtime (no peer to notice) restarts too.
 */
class RepeatedKillIT {
  private static final List<String> NO_HEARTBEAT_LOSS = List.of("-Drivulet.cluster.heartbeat-timeout=10m");

  @Test
  void fiveKillsInARowWithARestartBudgetOfFiveEndWithExactOutputAndOneRestartEach() throws Exception {
    try (LocalCluster cluster = new LocalCluster("kills", 2, 2, List.of(), NO_HEARTBEAT_LOSS)) {
      RivuletClient client = cluster.client();
      String jarId = client.uploadJar(Path.of(System.getProperty("rivulet.examples.jar")));
      Path out = cluster.shared("fifo");
      long records = 200_000;
      int keys = 100;
      // held half way: every kill finds the job running, with input left; released after the last one
      Path release = cluster.shared("release").resolve("release");
      String jobId = client.runJar(jarId, FifoJob.class.getName(), List.of("--keys", String.valueOf(keys),
          "--records", String.valueOf(records), "--checkpoint-interval", "300", "--restarts", "5",
          "--output", out.toString(), "--hold-at", String.valueOf(records / 2), "--release-file",
          release.toString()), 2, null);

      List<Long> recoveryMillis = new ArrayList<>();
      for (int kill = 1; kill <= 5; kill++) {
        int restartsBefore = kill - 1;
        long completedBefore = completed(client, jobId);
        // this attempt runs and took a checkpoint of its own
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
            restarts(client, jobId) == restartsBefore && "RUNNING".equals(client.jobState(jobId))
                && allSubtasksRunning(client, jobId) && completed(client, jobId) > completedBefore);
        String victim = client.job(jobId).path("vertices").get(0).path("subtasks").get(0).path("taskmanager-id")
            .asText();
        cluster.addRuntime(2); // a replacement, as an orchestrator would start one
        long killedAt = System.nanoTime();
        cluster.kill(cluster.indexOf(victim));
        int expected = kill;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
            .until(() -> restarts(client, jobId) >= expected);
        recoveryMillis.add((System.nanoTime() - killedAt) / 1_000_000);
        assertThat(restarts(client, jobId)).as("kill %d costs exactly one restart", kill).isEqualTo(kill);
        assertThat(client.get("v1/jobs/" + jobId + "/exceptions").toString()).contains(victim);
      }
      // measured, not asserted (the machine may be busy): how long from each kill to the restart being decided
      System.out.println("RepeatedKillIT: kill -> restart decided, ms: " + recoveryMillis);

      Files.createFile(release);
      await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
          .until(() -> List.of("FINISHED", "FAILED", "CANCELED").contains(client.jobState(jobId)));
      assertThat(client.jobState(jobId)).as("exceptions: %s", client.get("v1/jobs/" + jobId + "/exceptions"))
          .isEqualTo("FINISHED");
      assertThat(restarts(client, jobId)).isEqualTo(5);
      List<KeySummary> summaries = FileSink.committedLines(out).stream().map(FifoJob::parseSummary).toList();
      FifoJob.Verdict verdict = FifoJob.Verdict.of(summaries);
      assertThat(summaries).extracting(KeySummary::key).doesNotHaveDuplicates().hasSize(keys);
      assertThat(verdict.violations()).as("no gap, duplicate or reordering per key").isZero();
      assertThat(verdict.records()).as("every record exactly once").isEqualTo(records);
    }
  }

  @Test
  void aJobWhollyOnTheKilledRuntimeRestartsFromItsBrokenControlConnection() throws Exception {
    try (LocalCluster cluster = new LocalCluster("alone", 1, 2, List.of(), NO_HEARTBEAT_LOSS)) {
      RivuletClient client = cluster.client();
      String jarId = client.uploadJar(Path.of(System.getProperty("rivulet.examples.jar")));
      Path out = cluster.shared("fifo");
      long records = 100_000;
      Path release = cluster.shared("release").resolve("release");
      String jobId = client.runJar(jarId, FifoJob.class.getName(), List.of("--keys", "50", "--records",
          String.valueOf(records), "--checkpoint-interval", "300", "--output", out.toString(), "--hold-at",
          String.valueOf(records / 2), "--release-file", release.toString()), 2, null);
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
          .until(() -> allSubtasksRunning(client, jobId) && completed(client, jobId) >= 1);
      // every subtask on runtime-0 (the only one when it was deployed); a second runtime joins for the restart
      cluster.addRuntime(2);
      await().atMost(Duration.ofSeconds(60)).until(() -> client.taskManagers().path("taskmanagers").size() == 2);
      long killedAt = System.nanoTime();
      cluster.kill(0);
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
          .until(() -> restarts(client, jobId) == 1);
      System.out.println("RepeatedKillIT: job alone on the killed runtime, kill -> restart decided, ms: "
          + (System.nanoTime() - killedAt) / 1_000_000);
      assertThat(client.get("v1/jobs/" + jobId + "/exceptions").toString()).contains("runtime-0")
          .contains("its connection broke");
      Files.createFile(release);
      await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
          .until(() -> List.of("FINISHED", "FAILED", "CANCELED").contains(client.jobState(jobId)));
      assertThat(client.jobState(jobId)).isEqualTo("FINISHED");
      assertThat(FifoJob.Verdict.of(FileSink.committedLines(out).stream().map(FifoJob::parseSummary).toList())
          .records()).isEqualTo(records);
    }
  }

  private static int restarts(RivuletClient client, String jobId) {
    return client.job(jobId).path("restarts").asInt();
  }

  private static long completed(RivuletClient client, String jobId) {
    return client.get("v1/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
  }

  private static boolean allSubtasksRunning(RivuletClient client, String jobId) {
    for (JsonNode v : client.job(jobId).path("vertices")) {
      for (JsonNode s : v.path("subtasks")) {
        if (!"RUNNING".equals(s.path("status").asText())) {
          return false;
        }
      }
    }
    return true;
  }
}
