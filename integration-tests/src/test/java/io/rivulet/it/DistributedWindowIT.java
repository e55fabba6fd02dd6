package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rivulet.api.connector.FileSink;
import io.rivulet.client.RivuletClient;
import io.rivulet.examples.WindowedEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A control plane and two task runtimes as separate JVMs: the examples JAR is uploaded over REST and its keyed
 * event-time window job runs with its subtasks spread over both runtimes, so records cross DIRECT (gRPC)
 * channels in both directions. Every window result is checked.
 */
class DistributedWindowIT {
  private static final Pattern AVERAGE = Pattern.compile("SensorAverage\\[sensor=(\\S+), start=(\\d+), end=\\d+, count=(\\d+), .*");
  private static final Pattern READING = Pattern.compile("SensorReading\\[sensor=(\\S+), timestamp=(\\d+), value=.*");
  private static LocalCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = new LocalCluster("window", 2, 2);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void remoteEnvironmentSubmitsAJobBuiltOnTheClient() throws Exception {
    Path out = cluster.shared("remote-fifo");
    io.rivulet.api.StreamEnvironment env = io.rivulet.client.RemoteEnvironment.create(cluster.restUrl(),
        Path.of(System.getProperty("rivulet.examples.jar")));
    env.setParallelism(2);
    io.rivulet.examples.fifo.FifoJob.build(env, 10, 20_000, 0, 0)
        .sinkTo(new FileSink<>(out)).name("Summaries");
    var result = env.execute("remote fifo");
    assertThat(cluster.client().jobState(result.jobId())).isEqualTo("FINISHED");
    var verdict = io.rivulet.examples.fifo.FifoJob.Verdict.of(FileSink.committedLines(out).stream()
        .map(io.rivulet.examples.fifo.FifoJob::parseSummary).toList());
    assertThat(verdict.violations()).isZero();
    assertThat(verdict.records()).isEqualTo(20_000);
    assertThat(verdict.keys()).isEqualTo(10);
  }

  @Test
  void keyedWindowJobSpreadOverTwoRuntimesProducesEveryResult() throws Exception {
    RivuletClient client = cluster.client();
    String jarId = client.uploadJar(Path.of(System.getProperty("rivulet.examples.jar")));
    Path out = cluster.shared("windows");
    long readings = 6_000;
    String jobId = client.runJar(jarId, WindowedEvents.class.getName(), List.of("--readings", String.valueOf(readings),
        "--rate", "3000", "--checkpoint-interval", "500", "--output", out.toString()), 2, null);

    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> List.of("FINISHED", "FAILED", "CANCELED").contains(client.jobState(jobId)));
    assertThat(client.jobState(jobId)).isEqualTo("FINISHED");
    // where the subtasks ran, from the job's record (kept after the end): both runtimes hosted some
    Set<String> hosts = new TreeSet<>();
    client.job(jobId).path("vertices").forEach(v -> v.path("subtasks")
        .forEach(t -> hosts.add(t.path("taskmanager-id").asText())));
    assertThat(hosts).as("runtimes that ran subtasks of the job").containsExactly("runtime-0", "runtime-1");

    Map<String, Long> windows = new HashMap<>();
    for (String line : FileSink.committedLines(out.resolve("averages"))) {
      Matcher m = AVERAGE.matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      assertThat(windows.put(m.group(1) + "@" + m.group(2), Long.parseLong(m.group(3)))).as("one result per window").isNull();
    }
    Map<String, Long> expected = new HashMap<>();
    LongStream.range(0, readings).mapToObj(WindowedEvents::reading)
        .forEach(r -> expected.merge(r.sensor() + "@" + (r.timestamp() / 1000 * 1000), 1L, Long::sum));
    List<String> late = FileSink.committedLines(out.resolve("late"));
    for (String line : late) {
      Matcher m = READING.matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      expected.merge(m.group(1) + "@" + (Long.parseLong(m.group(2)) / 1000 * 1000), -1L, Long::sum);
    }
    expected.values().removeIf(c -> c == 0);
    assertThat(windows).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(windows.values().stream().mapToLong(Long::longValue).sum() + late.size()).isEqualTo(readings);
  }
}
