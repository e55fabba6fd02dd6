package io.rivulet.cli;

import io.rivulet.api.JobExecutionResult;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.client.RivuletClient;
import io.rivulet.examples.bench.BenchmarkJobs;
import io.rivulet.examples.bench.BenchmarkMain;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs a reference workload and prints one line in the format of the Flink baseline
 * ({@code shared/anchors/flink-baseline}). Embedded: seconds and records/s of the whole job including start-up,
 * then the same without start-up. With {@code --distributed}: a control plane and two task runtimes start as
 * separate processes on loopback, and the figure is from submitting the job to its end (scheduling, deployment
 * and the exchange over gRPC included; starting the cluster not).
 */
@Command(name = "bench", description = "Run a benchmark workload: chain | shuffle | window | durable N P [--distributed]")
final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "chain, shuffle, window or durable (the shuffle through a Kafka topic)")
  String job;

  @Parameters(index = "1", description = "number of records")
  long n;

  @Parameters(index = "2", description = "parallelism")
  int parallelism;

  @Option(names = "--distributed", description = "run on a control plane and two task runtime processes")
  boolean distributed;

  @Option(names = "--durable-property", description = "a DURABLE exchange setting for bench durable, e.g."
      + " producer.linger.ms=20 (repeatable; see JobConfig.durableExchangeProperties)")
  List<String> durableProperties = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (!List.of("chain", "shuffle", "window", "durable").contains(job)) {
      System.err.println("unknown workload '" + job + "': use chain, shuffle, window or durable");
      return 2;
    }
    if (job.equals("durable")) {
      if (distributed) {
        System.err.println("bench durable runs embedded (with its own local broker); --distributed is not supported");
        return 2;
      }
      return durable();
    }
    return distributed ? distributed() : embedded();
  }

  private int embedded() throws Exception {
    long t0 = System.nanoTime();
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    switch (job) {
      case "chain" -> BenchmarkJobs.chain(env, n);
      case "shuffle" -> BenchmarkJobs.shuffle(env, n);
      default -> BenchmarkJobs.window(env, n);
    }
    JobExecutionResult result = env.execute(job);
    double s = (System.nanoTime() - t0) / 1e9;
    double net = result.netRuntimeMillis() / 1e3;
    System.out.printf("rivulet %s n=%d p=%d seconds=%.2f records_per_s=%.0f net_seconds=%.2f net_rps=%.0f%n",
        job, n, parallelism, s, n / s, net, n / net);
    return 0;
  }

  /**
   * The shuffle through a DURABLE exchange on a Kafka broker that this command starts (a separate JVM, KRaft, data
   * in a temporary directory) and stops. The figure is the job's, from execute to end; the broker's start is not
   * in it, the topic's creation and deletion are.
   */
  private int durable() throws Exception {
    if (System.getProperty("rivulet.kafka.lib") == null) {
      System.setProperty("rivulet.kafka.lib", Apps.home().resolve("kafka/target/kafka-lib").toString());
    }
    try (io.rivulet.kafka.local.LocalKafka kafka = io.rivulet.kafka.local.LocalKafka.builder().start()) {
      long t0 = System.nanoTime();
      StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
      env.setParallelism(parallelism).setKafkaBootstrapServers(kafka.bootstrapServers());
      for (String p : durableProperties) {
        int eq = p.indexOf('=');
        env.config().durableExchangeProperty(p.substring(0, eq), p.substring(eq + 1));
      }
      BenchmarkJobs.durableShuffle(env, n);
      JobExecutionResult result = env.execute("bench-durable");
      double s = (System.nanoTime() - t0) / 1e9;
      double net = result.netRuntimeMillis() / 1e3;
      System.out.printf("rivulet durable n=%d p=%d seconds=%.2f records_per_s=%.0f net_seconds=%.2f net_rps=%.0f"
          + " broker=local-kraft%n", n, parallelism, s, n / s, net, n / net);
      return 0;
    }
  }

  private int distributed() throws Exception {
    Path work = Files.createTempDirectory("rivulet-bench-");
    int http = Apps.freePort();
    int grpc = Apps.freePort();
    List<Process> processes = new ArrayList<>();
    try {
      processes.add(Apps.startBackground(Apps.command("control-plane", List.of("-Xmx1g"), List.of(
          "rivulet.execution=cluster", "quarkus.http.port=" + http, "rivulet.cluster.grpc-port=" + grpc,
          "rivulet.cluster.advertised-url=http://127.0.0.1:" + http, "rivulet.data.directory=" + work.resolve("cp"),
          // no trace collector here: without the SDK the processes neither trace nor try to export every few seconds
          "quarkus.otel.sdk.disabled=true")),
          work.resolve("control-plane.log")));
      String url = "http://127.0.0.1:" + http;
      waitFor(() -> ready(url), 60_000, "the control plane did not start: see " + work.resolve("control-plane.log"));
      for (int i = 0; i < 2; i++) {
        // extra JVM options for the runtimes, e.g. a profiler: RIVULET_RUNTIME_JAVA_OPTS="-XX:StartFlightRecording=..."
        String opts = System.getenv().getOrDefault("RIVULET_RUNTIME_JAVA_OPTS", "").replace("{i}", String.valueOf(i));
        processes.add(Apps.startBackground(Apps.command("task-runtime",
            opts.isBlank() ? List.of() : List.of(opts.trim().split("\\s+")), List.of(
            "quarkus.http.port=" + Apps.freePort(), "rivulet.runtime.id=bench-" + i,
            "rivulet.runtime.slots=" + parallelism, "rivulet.control-plane.address=127.0.0.1:" + grpc,
            "rivulet.runtime.work-dir=" + work.resolve("rt-" + i), "quarkus.otel.sdk.disabled=true")),
            work.resolve("task-runtime-" + i + ".log")));
      }
      RivuletClient client = new RivuletClient(url);
      waitFor(() -> client.taskManagers().path("taskmanagers").size() == 2, 60_000,
          "the task runtimes did not register: see the logs in " + work);
      String jarId = client.uploadJar(examplesJar());
      long t0 = System.nanoTime();
      String jobId = client.runJar(jarId, BenchmarkMain.class.getName(), List.of(job, String.valueOf(n)),
          parallelism, null);
      String state;
      while (!List.of("FINISHED", "FAILED", "CANCELED").contains(state = client.jobState(jobId))) {
        Thread.sleep(20);
      }
      double s = (System.nanoTime() - t0) / 1e9;
      if (!state.equals("FINISHED")) {
        System.err.println("job " + state + ": " + client.get("v1/jobs/" + jobId + "/exceptions"));
        return 1;
      }
      System.out.printf("rivulet %s n=%d p=%d seconds=%.2f records_per_s=%.0f distributed=2-runtimes%n", job, n,
          parallelism, s, n / s);
      return 0;
    } finally {
      processes.forEach(Process::destroy);
      for (Process p : processes) {
        p.waitFor();
      }
    }
  }

  private static Path examplesJar() throws Exception {
    try (Stream<Path> files = Files.list(Apps.home().resolve("examples/target"))) {
      return files.filter(p -> p.getFileName().toString().matches("rivulet-examples-.*\\.jar"))
          .filter(p -> !p.getFileName().toString().contains("sources")).findFirst()
          .orElseThrow(() -> new IllegalStateException("examples JAR not built: run mvn -DskipTests package"));
    }
  }

  private static boolean ready(String url) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, long millis, String failure)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(failure);
      }
      Thread.sleep(100);
    }
  }
}
