package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, {@code bin/rivulet demo}, as a user runs it (the launcher's Main from cli/target, in
 * its own JVM): a Kafka broker, an Apicurio Registry, Zipkin, the control plane and two task runtimes come up as
 * processes, the simulator job goes through DIRECT and DURABLE exchanges into an exactly-once Kafka sink with one
 * injected failure, and the verdict read back from Kafka must be clean and complete; Zipkin holds "record latency"
 * spans of markers that crossed the DURABLE exchange. Then {@code --keep} and
 * {@code --stop}: every process the demo recorded is gone afterwards.
 */
class DemoIT {
  private final Path root = Path.of(System.getProperty("rivulet.root", "..")).toAbsolutePath().normalize();
  private final Path state = Path.of("target", "it-demo").toAbsolutePath();

  @Test
  void theDemoEndsWithNoFifoViolationsAndEveryRecordOnceAndStopsWhatItStarted() throws Exception {
    Path output = state.resolveSibling("it-demo.out");
    Files.createDirectories(state);
    int zipkinPort = freePort();
    // the source holds half way (past the injected failure at 40 %) until a "record latency" span of a marker that
    // crossed the DURABLE exchange is in Zipkin: markers go on while it is held, so one certainly makes it
    Path release = state.resolveSibling("it-demo.release");
    Files.deleteIfExists(release);
    Process demo = launcher(output, "demo", "--records", "400000", "--keys", "200", "--rate", "200000",
        "--checkpoint-interval", "300ms", "--keep", "--port", String.valueOf(freePort()), "--zipkin-port",
        String.valueOf(zipkinPort), "--hold-at", "200000", "--release-file", release.toString());
    List<String> exchanges;
    try {
      exchanges = recordLatencyExchanges(zipkinPort, demo);
    } finally {
      Files.writeString(release, "");
    }
    boolean ended = demo.waitFor(6, TimeUnit.MINUTES);
    String out = Files.readString(output, StandardCharsets.UTF_8);
    List<ProcessHandle> recorded = recorded();
    JsonNode plan = null;
    java.util.regex.Matcher rest = java.util.regex.Pattern.compile("REST API +(http://\\S+/v1/jobs/[0-9a-f]+)")
        .matcher(out);
    if (ended && rest.find()) { // --keep: the cluster is still up to be asked
      plan = Http.json(rest.group(1) + "/plan").path("plan");
    }
    try {
      assertThat(ended).as("the demo ended in time; output:%n%s", out).isTrue();
      assertThat(demo.exitValue()).as(out).isZero();
      assertThat(out).contains("fifo_violations=0 records_in=400000 records_out=400000 keys=200");
      assertThat(out).as("the injected failure shows and the job recovers").contains("a task failed")
          .contains("FINISHED: ").containsPattern("FINISHED: \\d+ checkpoints, 1 restarts");
      assertThat(out).contains("Web UI      http://127.0.0.1:").contains("traces      http://127.0.0.1:");
      assertThat(recorded).as("--keep leaves the six processes running").hasSize(6)
          .allSatisfy(h -> assertThat(h.isAlive()).isTrue());
      assertThat(exchanges).as("'record latency' spans in the demo's Zipkin, their markers through the topic into"
          + " the sink task").anySatisfy(x -> assertThat(x).endsWith("DURABLE"));
      // the plan of the job the demo ran with the schema registry on (a decorated job service) lists every edge
      assertThat(plan).as("the REST API line of the demo's output").isNotNull();
      assertThat(plan.path("complete").asBoolean()).isTrue();
      List<String> inputs = new ArrayList<>();
      plan.path("nodes").forEach(n -> n.path("inputs").forEach(i -> inputs.add(i.path("ship_strategy").asText() + "/"
          + i.path("exchange").asText())));
      assertThat(plan.path("nodes").size()).as("source, relay, checker + sink").isEqualTo(3);
      assertThat(inputs).as("every edge between the three vertices").containsExactly("HASH/DIRECT", "HASH/DURABLE");
    } finally {
      Process stop = launcher(state.resolveSibling("it-demo-stop.out"), "demo", "--stop");
      assertThat(stop.waitFor(2, TimeUnit.MINUTES)).isTrue();
      if (!ended) {
        demo.destroyForcibly();
      }
    }
    assertThat(Files.readString(state.resolveSibling("it-demo-stop.out"))).contains("stopped 6 demo processes");
    assertThat(recorded).allSatisfy(h -> assertThat(h.isAlive()).as("pid " + h.pid()).isFalse());
  }

  private Process launcher(Path output, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Drivulet.home=" + root, "-Drivulet.demo.dir=" + state, "-cp",
        root.resolve("cli/target/rivulet-cli-0.1.0-SNAPSHOT.jar") + ":" + root.resolve("cli/target/lib") + "/*",
        "io.rivulet.cli.Main"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
  }

  /** The processes listed in the demo's pid file (name, pid, start time). */
  private List<ProcessHandle> recorded() throws IOException {
    Path pids = state.resolve("pids");
    if (!Files.exists(pids)) {
      return List.of();
    }
    List<ProcessHandle> handles = new ArrayList<>();
    for (String line : Files.readAllLines(pids)) {
      String[] parts = line.trim().split(" ");
      if (parts.length == 3) {
        ProcessHandle.of(Long.parseLong(parts[1])).ifPresent(handles::add);
      }
    }
    return handles;
  }

  /**
   * The {@code rivulet.latency.exchanges} of the "record latency" spans Zipkin holds, once one of them crossed the
   * DURABLE exchange (the task runtimes export spans in batches, every few seconds). The wait covers the start of the
   * demo's processes; it ends early if the demo does.
   */
  private static List<String> recordLatencyExchanges(int zipkinPort, Process demo) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + zipkinPort
        + "/api/v2/traces?serviceName=rivulet-task-runtime&spanName=record%20latency&limit=50")).build();
    Pattern exchanges = Pattern.compile("\"rivulet\\.latency\\.exchanges\":\"([A-Z,]*)\"");
    List<String> found = new ArrayList<>();
    try {
      await("a \"record latency\" span of the DURABLE exchange in Zipkin").atMost(Duration.ofMinutes(5))
          .pollInSameThread().pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (!demo.isAlive()) {
              return true;
            }
            found.clear();
            try {
              HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() == 200) {
                Matcher m = exchanges.matcher(response.body());
                while (m.find()) {
                  found.add(m.group(1));
                }
              }
            } catch (IOException e) {
              return false; // Zipkin is not up yet
            }
            return found.stream().anyMatch(x -> x.endsWith("DURABLE"));
          });
    } catch (ConditionTimeoutException e) {
      // what was found is asserted on, after the demo was stopped
    }
    return List.copyOf(found);
  }

  private static int freePort() {
    return LocalCluster.freePort();
  }
}
