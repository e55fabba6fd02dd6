package io.rivulet.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The whole system on one machine: a Kafka broker, an Apicurio Registry, a trace viewer (Zipkin; on OpenShift it
 * is Jaeger over OTLP), the control plane and two task runtimes, all on loopback and without Docker. It submits
 * the simulator job (per-key sequence source → keyBy over DIRECT → keyBy over DURABLE → FIFO checker → Kafka
 * sink), prints progress, then reads the results back from Kafka ({@code read_committed}) for the verdict.
 */
final class ClusterDemo {
  static final String OUTPUT_TOPIC = "fifo-verdicts";

  private final DemoCommand options;
  private final Path state;
  private final Path logs;
  private final DemoProcesses processes;
  private final int httpPort;
  private final int grpcPort = Apps.freePort();
  private final int kafkaPort = Apps.freePort();
  private final int registryPort = Apps.freePort();
  private final int zipkinPort;
  private final List<Integer> runtimePorts = new ArrayList<>();
  private String bootstrap;

  ClusterDemo(DemoCommand options, Path state) {
    this.options = options;
    this.state = state;
    this.logs = state.resolve("logs");
    this.processes = new DemoProcesses(state);
    this.httpPort = options.port;
    this.zipkinPort = options.zipkinPort;
  }

  int run() throws Exception {
    if (Files.exists(state.resolve("pids"))) {
      System.out.println("a demo cluster from an earlier run (--keep) is still recorded; stopping it first");
      DemoProcesses.stopRecorded(state);
    }
    Thread cleanup = new Thread(processes::stopAll, "demo-stop");
    Runtime.getRuntime().addShutdownHook(cleanup); // Ctrl-C stops everything this run started
    boolean keep = false;
    try {
      System.out.printf("rivulet demo: the simulator job (keyed sequence source -> keyBy over DIRECT (gRPC) -> keyBy"
          + " over DURABLE (Kafka) -> FIFO checker -> Kafka sink, exactly once), %,d records over %,d keys at %s,"
          + " parallelism %d, checkpoints every %s%s, on a local cluster%n", options.records, options.keys,
          options.rate > 0 ? String.format("%,.0f records/s", options.rate) : "full speed", options.parallelism,
          options.checkpointInterval, DemoSpec.failAtSeq(options) >= 0 ? ", one injected failure" : "");
      long begin = System.nanoTime();
      startInfrastructure();
      startServices();
      System.out.printf("cluster up in %.0f s%n", (System.nanoTime() - begin) / 1e9);
      RivuletClient client = new RivuletClient("http://127.0.0.1:" + httpPort);
      String jobId = client.submitSpec(DemoSpec.simulator(options, OUTPUT_TOPIC));
      printUrls(jobId);
      String state = follow(client, jobId);
      if (!state.equals("FINISHED")) {
        System.out.println("the job ended " + state + ": " + client.get("v1/jobs/" + jobId + "/exceptions")
            .path("root-exception").asText());
        return 1;
      }
      Verdict v = verdict();
      System.out.println(v);
      keep = options.keep;
      if (keep) {
        System.out.println("the cluster keeps running (--keep); stop it with: bin/rivulet demo --stop");
      }
      return v.violations == 0 && v.recordsIn == options.records && v.recordsOut == options.records ? 0 : 1;
    } finally {
      if (keep) {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } else {
        processes.stopAll();
        Runtime.getRuntime().removeShutdownHook(cleanup);
      }
    }
  }

  private void startInfrastructure() throws Exception {
    Path home = Apps.home();
    String cp = home.resolve("cli/target/lib").toString() + "/*";
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    step("Kafka broker (KRaft, from Maven jars)");
    processes.start("kafka", List.of(java, "-Drivulet.kafka.lib=" + home.resolve("kafka/target/kafka-lib"), "-cp", cp,
        "io.rivulet.kafka.local.LocalKafka", "--port", String.valueOf(kafkaPort), "--dir", state.resolve("kafka").toString()),
        logs.resolve("kafka.log"));
    bootstrap = "127.0.0.1:" + kafkaPort;
    waitForLine(logs.resolve("kafka.log"), "bootstrap.servers=", 90, "the Kafka broker");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      // the exactly-once sink writes into an existing topic: one partition per sink subtask
      admin.createTopics(List.of(new NewTopic(OUTPUT_TOPIC, options.parallelism, (short) 1))).all()
          .get(60, TimeUnit.SECONDS);
    }
    step("Apicurio Registry");
    processes.start("apicurio", List.of(java, "-Drivulet.apicurio.home=" + home.resolve("kafka/target/apicurio-registry"),
        "-cp", cp, "io.rivulet.kafka.local.LocalApicurio", "--port", String.valueOf(registryPort),
        "--dir", state.resolve("apicurio").toString()), logs.resolve("apicurio.log"));
    waitForLine(logs.resolve("apicurio.log"), "registry.url=", 120, "the Apicurio Registry");
    step("trace viewer (Zipkin)");
    Path zipkin = Tools.zipkin(home);
    processes.start("zipkin", List.of(java, "-Xmx256m", "-jar", zipkin.toString(), "--server.address=127.0.0.1",
        "--server.port=" + zipkinPort), logs.resolve("zipkin.log"));
    waitFor(() -> httpOk("http://127.0.0.1:" + zipkinPort + "/health"), 120, "the trace viewer");
  }

  private void startServices() throws Exception {
    step("control plane");
    processes.start("control-plane", Apps.command("control-plane", List.of("-Xmx512m"), List.of(
        "rivulet.execution=cluster", "quarkus.http.port=" + httpPort, "rivulet.cluster.grpc-port=" + grpcPort,
        "rivulet.cluster.advertised-url=http://127.0.0.1:" + httpPort,
        "rivulet.data.directory=" + state.resolve("control-plane"),
        "rivulet.checkpoints.directory=" + state.resolve("checkpoints"),
        "rivulet.kafka.bootstrap=" + bootstrap,
        "rivulet.registry.url=http://127.0.0.1:" + registryPort,
        "rivulet.traces.zipkin-endpoint=http://127.0.0.1:" + zipkinPort + "/api/v2/spans",
        "quarkus.otel.service.name=rivulet-control-plane")), logs.resolve("control-plane.log"));
    waitFor(() -> httpOk("http://127.0.0.1:" + httpPort + "/q/health/ready"), 90, "the control plane");
    for (int i = 0; i < 2; i++) {
      step("task runtime " + (i + 1) + " of 2");
      int port = Apps.freePort();
      runtimePorts.add(port);
      processes.start("task-runtime-" + i, Apps.command("task-runtime", List.of("-Xmx768m"), List.of(
          "quarkus.http.port=" + port, "rivulet.runtime.id=demo-runtime-" + i,
          "rivulet.runtime.slots=" + options.parallelism, "rivulet.control-plane.address=127.0.0.1:" + grpcPort,
          "rivulet.runtime.work-dir=" + state.resolve("runtime-" + i),
          "rivulet.checkpoints.directory=" + state.resolve("checkpoints"),
          "rivulet.kafka.bootstrap=" + bootstrap,
          "rivulet.traces.zipkin-endpoint=http://127.0.0.1:" + zipkinPort + "/api/v2/spans",
          "quarkus.otel.service.name=rivulet-task-runtime")), logs.resolve("task-runtime-" + i + ".log"));
    }
    RivuletClient client = new RivuletClient("http://127.0.0.1:" + httpPort);
    waitFor(() -> client.taskManagers().path("taskmanagers").size() == 2, 90, "the task runtimes to register");
  }

  private void printUrls(String jobId) {
    System.out.println();
    System.out.println("  Web UI      http://127.0.0.1:" + httpPort + "/#/jobs/" + jobId);
    System.out.println("  REST API    http://127.0.0.1:" + httpPort + "/v1/jobs/" + jobId + "   (OpenAPI: /q/openapi)");
    System.out.println("  metrics     http://127.0.0.1:" + httpPort + "/q/metrics   and   http://127.0.0.1:"
        + runtimePorts.get(0) + "/q/metrics, http://127.0.0.1:" + runtimePorts.get(1) + "/q/metrics");
    System.out.println("  traces      http://127.0.0.1:" + zipkinPort + "/zipkin/");
    System.out.println("  Kafka       " + bootstrap + "   registry http://127.0.0.1:" + registryPort + "/apis/registry/v3");
    System.out.println("  logs        " + logs);
    System.out.println();
  }

  /** Prints a progress line every few seconds until the job ends; returns its final state. */
  private String follow(RivuletClient client, String jobId) throws InterruptedException {
    long start = System.nanoTime();
    long lastRecords = 0;
    long lastNanos = start;
    long lastPressured = 0;
    int failures = 0;
    while (true) {
      Thread.sleep(2_000);
      JsonNode job = client.job(jobId);
      String st = job.path("state").asText();
      long now = System.nanoTime();
      long records = 0;
      long pressured = 0;
      for (JsonNode v : job.path("vertices")) {
        if (v.path("name").asText().startsWith("source")) {
          records = v.path("metrics").path("write-records").asLong();
          pressured = v.path("metrics").path("accumulated-backpressured-time").asLong();
        }
      }
      JsonNode cp = client.get("v1/jobs/" + jobId + "/checkpoints");
      JsonNode latest = cp.path("latest").path("completed");
      long completed = cp.path("counts").path("completed").asLong();
      String last = latest.isMissingNode() || latest.isNull() ? "-" : "#" + latest.path("id").asText() + " ("
          + latest.path("end_to_end_duration").asText() + " ms)";
      double elapsed = (now - start) / 1e9;
      if (List.of("FINISHED", "FAILED", "CANCELED").contains(st)) {
        // failures are read from the job's exception history, kept after its end: also those no poll saw
        List<String> all = failures(client, jobId);
        for (; failures < all.size(); failures++) {
          System.out.printf("[%4.0fs] a task failed (%s); the job restarted from a checkpoint%n", elapsed,
              all.get(failures));
        }
        // the job's own duration (submission to end, restarts included), as the REST API reports it
        double ran = job.path("duration").asLong() / 1e3;
        System.out.printf("[%4.0fs] %s: %d checkpoints, %d restarts, job ran %.1f s, %,.0f records/s on average%n",
            elapsed, st, completed, job.path("restarts").asInt(), ran, ran > 0 ? options.records / ran : 0.0);
        return st;
      }
      List<String> seen = failures(client, jobId);
      if (seen.size() > failures) {
        // a source's counters start again with each attempt: the job resumed from its last completed checkpoint
        for (; failures < seen.size(); failures++) {
          System.out.printf("[%4.0fs] a task failed (%s); the job restarts from checkpoint %s%n", elapsed,
              seen.get(failures), last);
        }
        lastRecords = 0;
        lastPressured = 0;
        lastNanos = now;
        continue;
      }
      double seconds = (now - lastNanos) / 1e9;
      // back pressure: the share of the interval the sources spent waiting for credit (Flink's back-pressured time)
      System.out.printf("[%4.0fs] %-9s records=%,d rate=%,.0f/s back_pressure=%.0f%% checkpoints=%d last=%s%n",
          elapsed, st, records, Math.max(0, (records - lastRecords) / seconds),
          Math.max(0, Math.min(100, (pressured - lastPressured) / (seconds * 10.0 * options.parallelism))),
          completed, last);
      lastRecords = records;
      lastNanos = now;
      lastPressured = pressured;
    }
  }

  /**
   * What each failure of the job was, oldest first: the injected one by the name of its flag, any other (a task runtime
   * killed meanwhile, say) by the first line of its message.
   */
  private static List<String> failures(RivuletClient client, String jobId) {
    List<String> list = new ArrayList<>();
    for (JsonNode e : client.get("v1/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries")) {
      String trace = e.path("stacktrace").asText("");
      String message = e.path("exceptionName").asText("") + ": " + e.path("message").asText("");
      list.add(trace.contains("InjectedFailure") ? "injected: --fail-at" : message.lines().findFirst().orElse(""));
    }
    java.util.Collections.reverse(list); // the history is newest first
    return list;
  }

  /** The verdict over the key summaries the job wrote to Kafka, read with read_committed. */
  private Verdict verdict() {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("isolation.level", "read_committed");
    p.put("key.deserializer", StringDeserializer.class.getName());
    p.put("value.deserializer", StringDeserializer.class.getName());
    long keys = 0;
    long records = 0;
    long produced = 0;
    long violations = 0;
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = consumer.partitionsFor(OUTPUT_TOPIC).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      var end = consumer.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          JsonNode s = DemoSpec.parse(r.value());
          keys++;
          records += s.path("records").asLong();
          produced += s.path("lastSeq").asLong() + 1; // each key's sequence numbers start at 0
          violations += s.path("violations").asLong();
        }
      }
    }
    return new Verdict(keys, produced, records, violations);
  }

  /**
   * @param recordsIn records the source produced, as the checker saw them: per key the last sequence number reached
   *     plus one (a record missing at a key's end shows here; one missing before it shows as a violation)
   * @param recordsOut records the checker counted, once each in the committed summaries
   */
  record Verdict(long keys, long recordsIn, long recordsOut, long violations) {
    @Override
    public String toString() {
      return "fifo_violations=" + violations + " records_in=" + recordsIn + " records_out=" + recordsOut
          + " keys=" + keys;
    }
  }

  private static void step(String what) {
    System.out.println("starting " + what + " ...");
  }

  private static boolean httpOk(String url) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private void waitForLine(Path log, String prefix, int seconds, String what) throws Exception {
    waitFor(() -> {
      try {
        return Files.exists(log) && Files.readAllLines(log).stream().anyMatch(l -> l.startsWith(prefix));
      } catch (IOException e) {
        return false;
      }
    }, seconds, what);
  }

  private void waitFor(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("timed out after " + seconds + " s waiting for " + what
            + "; see the logs in " + logs);
      }
      Thread.sleep(200);
    }
  }
}
