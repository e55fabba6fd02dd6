package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.api.connector.FileSink;
import io.rivulet.client.RivuletClient;
import io.rivulet.examples.BackPressureJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A source far faster than its consumer, across two runtimes: while the consumer stalls (until the test ends the
 * stall), credit runs out, the source stops (it is back-pressured and has sent only what the buffers hold), the
 * runtimes' heaps stay small, and in the end every record is counted exactly once.
 */
class BackPressureIT {
  private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.E+]+)", Pattern.MULTILINE);
  private static final Pattern COUNT = Pattern.compile("Tuple2\\[f0=(\\d+), f1=(\\d+)\\]");
  /**
   * What a runtime may hold after a full collection while the buffers are full (about 20 MB are measured): the
   * records the source would send without credit (~150 bytes each, 2M of them) would take far more.
   */
  private static final long HEAP_LIMIT = 64L * 1024 * 1024;
  private static LocalCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    // unbounded buffering of the 2M records (~300 MB) would not fit into these heaps
    cluster = new LocalCluster("backpressure", 2, 2, "-Xmx256m");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void creditStopsTheSourceAndMemoryStaysBoundedWithoutLosingRecords() throws Exception {
    RivuletClient client = cluster.client();
    String jarId = client.uploadJar(Path.of(System.getProperty("rivulet.examples.jar")));
    Path out = cluster.shared("counts");
    Path stall = cluster.shared("stall");
    Path release = stall.resolve("release");
    long records = 2_000_000;
    // every consumer subtask stalls at its first record until the test creates the release file
    String jobId = client.runJar(jarId, BackPressureJob.class.getName(), List.of("--records", String.valueOf(records),
        "--keys", "64", "--stall-until", release.toString(), "--stall-markers", stall.toString(),
        "--output", out.toString()), 2, null);

    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> Files.exists(stall.resolve("stalled-0")) && Files.exists(stall.resolve("stalled-1")));
    // with both consumers stalled for good, each source subtask runs out of credit and waits for it from then on; its
    // time waiting grows (in 100 ms parks) for as long as the stall lasts
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> backPressuredMillis(client, jobId) > 2_000);
    long sentEarly = sourceRecordsOut(client, jobId);
    long waitedEarly = backPressuredMillis(client, jobId);
    // two more seconds of waiting for credit in every source subtask, as the runtimes report it
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> backPressuredMillis(client, jobId) > waitedEarly + 2_000);
    long sentLate = sourceRecordsOut(client, jobId);
    long liveHeap = 0;
    for (int i = 0; i < 2; i++) {
      liveHeap = Math.max(liveHeap, heapAfterFullGc(i));
    }
    System.out.printf("back pressure: source sent %d, then %d after %d ms more waiting for credit; heap after a full"
        + " GC at most %d MB on a runtime%n", sentEarly, sentLate, backPressuredMillis(client, jobId) - waitedEarly,
        liveHeap >> 20);
    assertThat(sentLate).as("the source stopped: it sent a small part while the consumer stalled")
        .isLessThan(records / 10);
    assertThat(sentLate - sentEarly).as("and it sent nothing more while it waited for credit")
        .isLessThan(records / 100);
    assertThat(liveHeap).as("the heap was measured").isPositive();
    assertThat(liveHeap).as("heap the runtimes hold while buffers are full").isLessThan(HEAP_LIMIT);

    Files.createFile(release);
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
        .until(() -> List.of("FINISHED", "FAILED", "CANCELED").contains(client.jobState(jobId)));
    assertThat(client.jobState(jobId)).isEqualTo("FINISHED");
    long total = 0;
    List<String> lines = FileSink.committedLines(out);
    for (String line : lines) {
      Matcher m = COUNT.matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      total += Long.parseLong(m.group(2));
    }
    assertThat(lines).hasSize(64);
    assertThat(total).as("no record lost or duplicated").isEqualTo(records);
  }

  private static JsonNode vertex(RivuletClient client, String jobId, String namePrefix) {
    for (JsonNode v : client.job(jobId).path("vertices")) {
      if (v.path("name").asText().startsWith(namePrefix)) {
        return v;
      }
    }
    throw new AssertionError("no vertex " + namePrefix + " in " + client.job(jobId));
  }

  private static long sourceRecordsOut(RivuletClient client, String jobId) {
    return vertex(client, jobId, "Fast source").path("metrics").path("write-records").asLong();
  }

  /** The time each source subtask waited for credit: the least of them (each must be stopped, not only one). */
  private static long backPressuredMillis(RivuletClient client, String jobId) {
    long least = Long.MAX_VALUE;
    for (JsonNode t : vertex(client, jobId, "Fast source").path("subtasks")) {
      least = Math.min(least, t.path("metrics").path("accumulated-backpressured-time").asLong());
    }
    return least == Long.MAX_VALUE ? 0 : least;
  }

  /**
   * The heap a runtime uses right after a full collection ({@code jcmd GC.run}): what it holds, whenever the
   * collector last ran on its own (used heap before that includes any garbage not yet collected).
   */
  private static long heapAfterFullGc(int runtime) throws Exception {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        String.valueOf(cluster.runtime(runtime).pid()), "GC.run").redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes());
    assertThat(jcmd.waitFor()).as("jcmd GC.run: %s", output).isZero();
    Matcher m = HEAP.matcher(Http.get(cluster.runtimeUrl(runtime) + "/q/metrics"));
    long sum = 0;
    while (m.find()) {
      sum += (long) Double.parseDouble(m.group(1));
    }
    return sum;
  }
}
