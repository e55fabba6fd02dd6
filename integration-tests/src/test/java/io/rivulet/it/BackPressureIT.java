package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.api.connector.FileSink;
import io.rivulet.client.RivuletClient;
import io.rivulet.examples.BackPressureJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A source far faster than its consumer, across two runtimes: while the consumer stalls, credit runs out, the
 * source stops (it is back-pressured and has sent only what the buffers hold), the runtimes' heaps stay small,
 * and in the end every record is counted exactly once.
 */
class BackPressureIT {
  private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.E+]+)", Pattern.MULTILINE);
  private static final Pattern COUNT = Pattern.compile("Tuple2\\[f0=(\\d+), f1=(\\d+)\\]");
  private static final long HEAP_LIMIT = 160L * 1024 * 1024;
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
    long records = 2_000_000;
    long stallMillis = 8_000;
    String jobId = client.runJar(jarId, BackPressureJob.class.getName(), List.of("--records", String.valueOf(records),
        "--keys", "64", "--stall-ms", String.valueOf(stallMillis), "--output", out.toString()), 2, null);

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> sourceRecordsOut(client, jobId) > 0);
    long start = System.currentTimeMillis();
    long maxHeap = 0;
    long sentEarly = -1;
    long sentLate = -1;
    while (System.currentTimeMillis() - start < stallMillis - 1_500) {
      for (int i = 0; i < 2; i++) {
        maxHeap = Math.max(maxHeap, heapUsed(cluster.runtimeUrl(i)));
      }
      long elapsed = System.currentTimeMillis() - start;
      if (sentEarly < 0 && elapsed > 3_000) {
        sentEarly = sourceRecordsOut(client, jobId);
      }
      sentLate = sourceRecordsOut(client, jobId);
      Thread.sleep(250);
    }
    JsonNode source = vertex(client, jobId, "Fast source");
    System.out.printf("back pressure: source sent %d after 3 s and %d at the end of the stall; waited %d ms for"
        + " credit; max heap used %d MB%n", sentEarly, sentLate,
        source.path("metrics").path("accumulated-backpressured-time").asLong(), maxHeap >> 20);
    assertThat(maxHeap).as("the heap was measured").isPositive();
    assertThat(sentLate).as("the source stopped: it sent a small part while the consumer stalled")
        .isLessThan(records / 10);
    assertThat(sentLate - sentEarly).as("and it sent nothing more during the stall").isLessThan(records / 100);
    assertThat(source.path("metrics").path("accumulated-backpressured-time").asLong())
        .as("its time waiting for credit").isGreaterThan(2_000);
    assertThat(maxHeap).as("heap used on the runtimes while buffers were full").isLessThan(HEAP_LIMIT);

    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
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

  private static long heapUsed(String runtimeUrl) throws Exception {
    Matcher m = HEAP.matcher(Http.get(runtimeUrl + "/q/metrics"));
    long sum = 0;
    while (m.find()) {
      sum += (long) Double.parseDouble(m.group(1));
    }
    return sum;
  }
}
