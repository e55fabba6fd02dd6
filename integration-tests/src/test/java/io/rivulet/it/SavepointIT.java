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
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Savepoints on a cluster of separate JVMs: the FIFO job (keyed state per key in its checker) takes a savepoint over
 * REST, is stopped with a savepoint, and runs again from that one with its checker at another parallelism (3 instead
 * of 2, so key groups move between subtasks). Its final per-key summaries must be exactly those of a run without
 * any interruption: every record counted once, no gap, duplicate or reordering per key.
 */
class SavepointIT {
  private static LocalCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = new LocalCluster("savepoint", 2, 2);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void stopWithSavepointAndResumeAtAnotherParallelismLosesAndDuplicatesNothing() throws Exception {
    RivuletClient client = cluster.client();
    String jarId = client.uploadJar(Path.of(System.getProperty("rivulet.examples.jar")));
    Path out = cluster.shared("fifo");
    Path savepoints = cluster.shared("savepoints");
    int keys = 60;
    long records = 240_000;
    List<String> args = List.of("--keys", String.valueOf(keys), "--records", String.valueOf(records),
        "--rate", "20000", "--checkpoint-interval", "300", "--output", out.toString());
    // the first run holds its source half way, with a release file nobody creates: it cannot reach the end of its
    // input before it is stopped, however slow the machine (the resumed run is not held)
    List<String> firstArgs = new ArrayList<>(args);
    firstArgs.addAll(List.of("--hold-at", String.valueOf(records / 2), "--release-file",
        cluster.shared("never").resolve("release").toString()));
    String first = client.runJar(jarId, FifoJob.class.getName(), firstArgs, 2, null);

    // a savepoint while it runs (409 until every task runs)
    String trigger = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsMatching(e -> e.getMessage() != null && e.getMessage().contains("-> 409"))
        .until(() -> client.triggerSavepoint(first, savepoints.toString(), false), id -> !id.isBlank());
    String taken = client.awaitSavepoint(first, trigger, Duration.ofSeconds(120));
    assertThat(Path.of(taken).getParent()).isEqualTo(savepoints);
    assertThat(Path.of(taken).resolve("_metadata")).exists();
    JsonNode cps = client.get("v1/jobs/" + first + "/checkpoints");
    assertThat(cps.path("latest").path("savepoint").path("external_path").asText()).isEqualTo(taken);
    assertThat(cps.path("latest").path("savepoint").path("is_savepoint").asBoolean()).isTrue();

    // periodic checkpoints go on (and retention deletes older ones), then stop with a savepoint
    long completed = cps.path("counts").path("completed").asLong();
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
        client.get("v1/jobs/" + first + "/checkpoints").path("counts").path("completed").asLong() >= completed + 3);
    assertThat(client.jobState(first)).as("the job is stopped before its input ends").isEqualTo("RUNNING");
    String stopTrigger = client.stopWithSavepoint(first, savepoints.toString());
    String stoppedAt = client.awaitSavepoint(first, stopTrigger, Duration.ofSeconds(120));
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> client.jobState(first).equals("CANCELED"));
    assertThat(FileSink.committedLines(out)).as("summaries come only at the end of input").isEmpty();
    assertThat(Path.of(taken).resolve("_metadata")).as("retention never deletes a savepoint").exists();
    assertThat(stateFiles(Path.of(taken))).isNotEmpty();
    assertThat(stateFiles(Path.of(stoppedAt))).as("the keyed state is inside the savepoint").isNotEmpty();

    // again from the final savepoint, the keyed checker with parallelism 3
    List<String> resumedArgs = new ArrayList<>(args);
    resumedArgs.addAll(List.of("--checker-parallelism", "3"));
    String second = client.runJar(jarId, FifoJob.class.getName(), resumedArgs, 2, stoppedAt);
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> List.of("FINISHED", "FAILED", "CANCELED").contains(client.jobState(second)));
    assertThat(client.jobState(second)).isEqualTo("FINISHED");
    JsonNode job = client.job(second);
    List<Integer> parallelisms = new ArrayList<>();
    job.path("vertices").forEach(v -> parallelisms.add(v.path("parallelism").asInt()));
    assertThat(parallelisms).as("source, checker, sink").containsExactly(2, 3, 2);
    JsonNode resumedCheckpoints = client.get("v1/jobs/" + second + "/checkpoints");
    assertThat(resumedCheckpoints.path("latest").path("restored").path("external_path").asText()).isEqualTo(stoppedAt);
    assertThat(resumedCheckpoints.path("counts").path("restored").asLong()).as("the start from the savepoint")
        .isEqualTo(1);

    List<KeySummary> summaries = FileSink.committedLines(out).stream().map(FifoJob::parseSummary).toList();
    long perKey = records / keys;
    List<KeySummary> failureFree = IntStream.range(0, keys)
        .mapToObj(k -> new KeySummary(k, perKey, 0, perKey - 1)).toList();
    assertThat(summaries).as("exactly the summaries of an uninterrupted run")
        .containsExactlyInAnyOrderElementsOf(failureFree);
  }

  private static List<Path> stateFiles(Path savepoint) throws Exception {
    try (var files = Files.list(savepoint)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".keyed")).toList();
    }
  }
}
