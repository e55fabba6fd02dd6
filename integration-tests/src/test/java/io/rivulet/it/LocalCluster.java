package io.rivulet.it;

import static org.awaitility.Awaitility.await;

import io.rivulet.client.RivuletClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A control plane and task runtimes started from their packaged Quarkus applications as separate JVM
 * processes on loopback, with their output in {@code target/it-logs/}. Killing a runtime uses SIGKILL
 * ({@link Process#destroyForcibly()}), like {@code kill -9}.
 */
public final class LocalCluster implements AutoCloseable {
  private final Path root = Path.of(System.getProperty("rivulet.root", ".."));
  private final Path work;
  private final Path logs;
  private final int httpPort = freePort();
  private final int grpcPort = freePort();
  private final Process controlPlane;
  private final List<Process> runtimes = new ArrayList<>();
  private final List<Integer> runtimeHttpPorts = new ArrayList<>();
  private final RivuletClient client;
  /** Options of every process (the control plane's and the runtimes'). */
  private final List<String> commonOptions;

  public LocalCluster(String name, int runtimeCount, int slotsPerRuntime, String... runtimeJvmOptions) throws IOException {
    this(name, runtimeCount, slotsPerRuntime, List.of(), runtimeJvmOptions);
  }

  /** @param commonOptions JVM options of every process (e.g. where they export traces) */
  public LocalCluster(String name, int runtimeCount, int slotsPerRuntime, List<String> commonOptions,
      String... runtimeJvmOptions) throws IOException {
    this(name, runtimeCount, slotsPerRuntime, commonOptions, List.of(), runtimeJvmOptions);
  }

  /**
   * @param commonOptions JVM options of every process (e.g. where they export traces). Unless they name an OTLP
   *     endpoint (a test that starts a receiver and checks the spans), the processes get no tracing SDK: the
   *     packaged applications run in the prod profile, which would export to localhost:4317, where nobody listens
   * @param controlPlaneOptions JVM options of the control plane only (the runtimes refuse settings they do not
   *     know, such as the registry's URL); the heartbeat timeout is the product's default (10 s) unless they set
   *     {@code -Drivulet.cluster.heartbeat-timeout}
   */
  public LocalCluster(String name, int runtimeCount, int slotsPerRuntime, List<String> commonOptions,
      List<String> controlPlaneOptions, String... runtimeJvmOptions) throws IOException {
    List<String> common = new ArrayList<>(commonOptions);
    if (common.stream().noneMatch(o -> o.startsWith("-Dquarkus.otel.exporter.otlp."))) {
      common.add("-Dquarkus.otel.sdk.disabled=true"); // a run-time property: the packaged exporter stays unused
    }
    this.commonOptions = List.copyOf(common);
    this.work = Files.createTempDirectory("rivulet-it-" + name + "-");
    this.logs = Path.of("target", "it-logs", name);
    Files.createDirectories(logs);
    List<String> cpOptions = new ArrayList<>();
    cpOptions.addAll(List.of(
        "-Drivulet.execution=cluster",
        "-Dquarkus.http.port=" + httpPort,
        "-Drivulet.cluster.grpc-port=" + grpcPort,
        "-Drivulet.cluster.advertised-url=http://127.0.0.1:" + httpPort,
        "-Drivulet.cluster.slot-timeout=60s",
        "-Drivulet.data.directory=" + work.resolve("control-plane"),
        "-Drivulet.checkpoints.directory=" + checkpoints()));
    cpOptions.addAll(controlPlaneOptions); // after the defaults: the last -D of a name wins
    controlPlane = start("control-plane", app("control-plane"), cpOptions);
    client = new RivuletClient("http://127.0.0.1:" + httpPort);
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(this::controlPlaneReady);
      for (int i = 0; i < runtimeCount; i++) {
        addRuntime(slotsPerRuntime, runtimeJvmOptions);
      }
      int expected = runtimeCount;
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> client.taskManagers().path("taskmanagers").size() == expected);
    } catch (RuntimeException | IOException e) {
      // the caller gets no instance to close: stop what was started, or it outlives the test run
      close();
      throw e;
    }
  }

  /** Starts one more task runtime; returns its index. */
  public int addRuntime(int slots, String... jvmOptions) throws IOException {
    int index = runtimes.size();
    List<String> opts = new ArrayList<>(List.of(jvmOptions));
    int http = freePort();
    runtimeHttpPorts.add(http);
    opts.addAll(List.of(
        "-Dquarkus.http.port=" + http,
        "-Drivulet.runtime.id=runtime-" + index,
        "-Drivulet.runtime.slots=" + slots,
        "-Drivulet.control-plane.address=127.0.0.1:" + grpcPort,
        "-Drivulet.runtime.work-dir=" + work.resolve("runtime-" + index),
        "-Drivulet.checkpoints.directory=" + checkpoints()));
    runtimes.add(start("task-runtime-" + index, app("task-runtime"), opts));
    return index;
  }

  public Path checkpoints() {
    return work.resolve("checkpoints");
  }

  /** A directory every process can write to (job output). */
  public Path shared(String name) throws IOException {
    return Files.createDirectories(work.resolve("shared").resolve(name));
  }

  public RivuletClient client() {
    return client;
  }

  public String restUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** The HTTP address of a runtime (status, health, metrics). */
  public String runtimeUrl(int index) {
    return "http://127.0.0.1:" + runtimeHttpPorts.get(index);
  }

  public Process runtime(int index) {
    return runtimes.get(index);
  }

  /** The index of the runtime registered as {@code runtime-<index>}. */
  public int indexOf(String runtimeId) {
    if (!runtimeId.matches("runtime-\\d+")) {
      throw new IllegalArgumentException("not a runtime of this cluster: '" + runtimeId + "'");
    }
    return Integer.parseInt(runtimeId.substring("runtime-".length()));
  }

  /** SIGKILL, as {@code kill -9}: no shutdown hooks, no goodbye to the control plane. */
  public void kill(int runtimeIndex) throws InterruptedException {
    Process p = runtimes.get(runtimeIndex);
    p.destroyForcibly();
    p.waitFor();
  }

  private boolean controlPlaneReady() {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(restUrl() + "/q/health/ready")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Path app(String module) {
    Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: package the project first (mvn package)");
    }
    return jar;
  }

  private Process start(String name, Path jar, List<String> options) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.addAll(commonOptions);
    cmd.addAll(options);
    cmd.add("-jar");
    cmd.add(jar.toString());
    Path log = logs.resolve(name + ".log");
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** A port for a child process to listen on, outside the ephemeral range (see FreePorts). */
  static int freePort() {
    return io.rivulet.kafka.local.FreePorts.pick();
  }

  @Override
  public void close() {
    for (Process p : runtimes) {
      p.destroy();
    }
    controlPlane.destroy();
    for (Process p : runtimes) {
      waitQuietly(p);
    }
    waitQuietly(controlPlane);
  }

  private static void waitQuietly(Process p) {
    try {
      if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
