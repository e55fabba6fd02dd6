package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.client.RivuletClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The control path between real processes does not wait on anyone: fifty jobs submitted at once to two runtimes all
 * run and finish (they queue for slots and are served as slots come back), and a runtime that stops answering (a
 * stopped process: its sockets stay open, nothing comes back) holds up neither another job's checkpoints nor the
 * heartbeats of the other runtime.
 */
class ControlPathIT {

  private static String spec(String name, int records, String extra) {
    return """
        {"name": "%s", "parallelism": 1, "checkpointInterval": "200ms", "nodes": [
          {"id": "src", "type": "keyed-sequence-source", "params": {"keys": 10, "records": %d%s}},
          {"id": "out", "type": "discard-sink", "input": "src", "keyBy": "key"}]}
        """.formatted(name, records, extra);
  }

  @Test
  void fiftyJobsSubmittedAtOnceToTwoRuntimesAllRunAndFinish() throws Exception {
    // a job waits for slots as long as it must here: the point is that every one is served, not how fast
    try (LocalCluster cluster = new LocalCluster("fifty", 2, 4, List.of(),
        List.of("-Drivulet.cluster.slot-timeout=20m"))) {
      RivuletClient client = cluster.client();
      ExecutorService submitters = Executors.newFixedThreadPool(10);
      List<CompletableFuture<String>> submitted = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String spec = spec("job-" + i, 5_000 + i, "");
        submitted.add(CompletableFuture.supplyAsync(() -> client.submitSpec(spec), submitters));
      }
      List<String> ids = submitted.stream().map(CompletableFuture::join).toList();
      submitters.shutdown();
      assertThat(ids).doesNotHaveDuplicates().hasSize(50);
      await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(500)).until(() ->
          ids.stream().allMatch(id -> List.of("FINISHED", "FAILED", "CANCELED").contains(client.jobState(id))));
      for (int i = 0; i < 50; i++) {
        JsonNode job = client.job(ids.get(i));
        assertThat(job.path("state").asText()).as("job %d: %s", i, client.get("v1/jobs/" + ids.get(i)
            + "/exceptions")).isEqualTo("FINISHED");
        assertThat(job.path("vertices").get(1).path("metrics").path("read-records").asLong())
            .as("every record of job %d reached its sink", i).isEqualTo(5_000 + i);
      }
      assertThat(client.overview().path("slots-available").asInt()).as("every slot came back").isEqualTo(8);
    }
  }

  @Test
  void aRuntimeThatNeverAnswersHoldsUpNeitherAnotherJobsCheckpointsNorHeartbeats() throws Exception {
    // no heartbeat expiry during the test: the stopped runtime stays registered, its job keeps waiting on it
    try (LocalCluster cluster = new LocalCluster("silent", 1, 1, List.of(),
        List.of("-Drivulet.cluster.heartbeat-timeout=10m"))) {
      RivuletClient client = cluster.client();
      String stuck = client.submitSpec(spec("on-the-silent-runtime", -1, ", \"rate\": 1000"));
      awaitCheckpoints(client, stuck, 1);
      cluster.addRuntime(1); // the other job can only go there: runtime-0's one slot is taken
      await().atMost(Duration.ofSeconds(60)).until(() -> client.taskManagers().path("taskmanagers").size() == 2);
      String other = client.submitSpec(spec("on-the-other-runtime", -1, ", \"rate\": 1000"));
      awaitCheckpoints(client, other, 1);
      assertThat(client.job(other).path("vertices").get(0).path("subtasks").get(0).path("taskmanager-id").asText())
          .isEqualTo("runtime-1");

      long pid = cluster.runtime(0).pid();
      signal("STOP", pid);
      try {
        long before = completed(client, other);
        // the stuck job's trigger to runtime-0 hangs (until its call deadline); meanwhile the other job goes on
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
            inProgress(client, stuck) == 1 && completed(client, other) >= before + 5);
        long heartbeatAge = heartbeatAge(client, "runtime-1");
        assertThat(heartbeatAge).as("runtime-1's heartbeats are still taken (ms since its last one)")
            .isLessThan(30_000);
      } finally {
        signal("CONT", pid);
      }
      client.cancel(stuck);
      client.cancel(other);
    }
  }

  private static void awaitCheckpoints(RivuletClient client, String jobId, long n) {
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> completed(client, jobId)
        >= n);
  }

  private static long completed(RivuletClient client, String jobId) {
    return client.get("v1/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
  }

  private static long inProgress(RivuletClient client, String jobId) {
    return client.get("v1/jobs/" + jobId + "/checkpoints").path("counts").path("in_progress").asLong();
  }

  private static long heartbeatAge(RivuletClient client, String runtimeId) {
    for (JsonNode t : client.taskManagers().path("taskmanagers")) {
      if (t.path("id").asText().equals(runtimeId)) {
        return t.path("timeSinceLastHeartbeat").asLong();
      }
    }
    throw new AssertionError("no task manager " + runtimeId);
  }

  private static void signal(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
    assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
  }
}
