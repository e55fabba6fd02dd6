package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.rivulet.it.OtlpReceiver.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged control plane and two task runtimes as processes, exporting traces over OTLP to a receiver this test
 * starts: a job's submission, scheduling and deployment are one trace across the three processes (context carried
 * over gRPC), each checkpoint its own trace; the runtimes' {@code /q/metrics} move while the job runs. The job sends
 * latency markers: the sink tasks on both runtimes turn them into "record latency" spans (one path in process, one
 * over gRPC) and count them in {@code rivulet.task.record.latency}.
 */
class ObservabilityIT {
  private static final Duration LONG_ENOUGH = Duration.ofSeconds(60);
  private static final String CONTROL_PLANE = "rivulet-control-plane";
  private static final String RUNTIME = "rivulet-task-runtime";
  private static OtlpReceiver receiver;
  private static LocalCluster cluster;
  private static String jobId;

  @BeforeAll
  static void start() throws Exception {
    receiver = new OtlpReceiver();
    cluster = new LocalCluster("observability", 2, 1, List.of(
        "-Dquarkus.otel.exporter.otlp.traces.endpoint=" + receiver.endpoint(),
        "-Dquarkus.otel.bsp.schedule.delay=100ms"));
    // one slot per runtime and a job of parallelism 2: both runtimes get a part, the source's output crosses
    // (to the other runtime over gRPC, to its own in process); the source sends a latency marker every 100 ms.
    // Its rate is limited: at full speed it would take both cores of a small machine from the processes' heartbeats
    // and exporters, and a runtime taken for lost would restart the job under the test's feet
    jobId = cluster.client().submitSpec("""
        {"name": "traced", "parallelism": 1, "checkpointInterval": "300ms", "latencyMarkerInterval": "100ms",
         "nodes": [
          {"id": "src", "type": "sequence-source", "params": {"from": 0, "to": 4000000000000000000, "rate": 20000}},
          {"id": "same", "type": "map", "input": "src", "parallelism": 2, "params": {"function": "multiply", "by": 1}},
          {"id": "out", "type": "discard-sink", "input": "same", "parallelism": 2}]}
        """);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      if (jobId != null) {
        cluster.client().cancel(jobId);
      }
      cluster.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void submissionSchedulingAndDeploymentOnBothSidesAreOneTrace() {
    // the first attempt's scheduling (a restart would be traced on its own, linked to the submission; the spans of
    // this trace are the ones to look at). Each process exports on its own schedule: wait for the runtimes' work and
    // the control plane's side of it
    Predicate<ReceivedSpan> firstAttempt = s -> s.service().equals(CONTROL_PLANE) && s.name().equals("schedule job")
        && jobId.equals(s.attributes().get("rivulet.job.id")) && "0".equals(s.attributes().get("rivulet.job.attempt"));
    await().atMost(LONG_ENOUGH).until(() -> {
      List<ReceivedSpan> scheduled = spans(firstAttempt);
      if (scheduled.isEmpty()) {
        return false;
      }
      String trace = scheduled.get(0).traceId();
      return spans(s -> s.traceId().equals(trace) && s.service().equals(RUNTIME) && s.name().equals("deploy tasks"))
          .size() == 2
          && spans(s -> s.traceId().equals(trace) && s.service().equals(CONTROL_PLANE)
              && s.name().equals("POST /v1/jobs")).size() == 1
          && spans(s -> s.traceId().equals(trace) && s.name().equals("rivulet.control.TaskRuntime/Deploy")
              && s.kind() == SpanKind.SPAN_KIND_CLIENT).size() == 2;
    });

    ReceivedSpan schedule = one(firstAttempt);
    ReceivedSpan submission = one(s -> s.spanId().equals(schedule.parentSpanId()));
    assertThat(submission.service()).isEqualTo(CONTROL_PLANE);
    assertThat(submission.kind()).as(submission.toString()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
    assertThat(submission.name()).as("Quarkus's span of the REST call").isEqualTo("POST /v1/jobs");
    assertThat(schedule.isChildOf(submission)).isTrue();
    assertThat(one(s -> s.name().equals("allocate slots") && s.isChildOf(schedule)).attributes())
        .containsEntry("rivulet.slots.needed", "2");

    List<ReceivedSpan> deployCalls = spans(s -> s.name().equals("rivulet.control.TaskRuntime/Deploy")
        && s.kind() == SpanKind.SPAN_KIND_CLIENT && s.isChildOf(schedule));
    assertThat(deployCalls).as("one Deploy call per runtime").hasSize(2)
        .allSatisfy(c -> assertThat(c.service()).isEqualTo(CONTROL_PLANE));
    for (ReceivedSpan call : deployCalls) {
      ReceivedSpan served = one(s -> s.kind() == SpanKind.SPAN_KIND_SERVER && s.isChildOf(call));
      assertThat(served.service()).as("the runtime continued the trace from the gRPC metadata").isEqualTo(RUNTIME);
      assertThat(served.name()).isEqualTo("rivulet.control.TaskRuntime/Deploy");
      ReceivedSpan work = one(s -> s.name().equals("deploy tasks") && s.isChildOf(served));
      assertThat(work.service()).isEqualTo(RUNTIME);
      assertThat(work.attributes()).containsEntry("rivulet.job.id", jobId).containsKey("rivulet.runtime.id");
    }
    assertThat(spans(s -> s.traceId().equals(submission.traceId())).stream().map(ReceivedSpan::service).distinct())
        .as("one trace over the control plane and the runtimes").containsExactlyInAnyOrder(CONTROL_PLANE, RUNTIME);
    assertThat(spans(s -> s.name().equals("rivulet.control.ControlPlane/Heartbeat")))
        .as("heartbeats outside any trace start none").isEmpty();
  }

  @Test
  void aCheckpointIsATraceFromTheCoordinatorToTheRuntimes() {
    await().atMost(LONG_ENOUGH).until(() -> completedCheckpoint().isPresent());
    ReceivedSpan checkpoint = completedCheckpoint().orElseThrow();
    assertThat(checkpoint.parentSpanId()).as("a root").isEmpty();
    assertThat(checkpoint.events()).as("an event per acknowledging subtask: src (1) and same -> out (2)")
        .containsExactly("acknowledged", "acknowledged", "acknowledged");
    await().atMost(LONG_ENOUGH).until(() -> !spans(s -> s.service().equals(RUNTIME)
        && s.name().equals("rivulet.control.TaskRuntime/TriggerCheckpoint")
        && s.traceId().equals(checkpoint.traceId())).isEmpty());
  }

  @Test
  void runtimeMetricsMoveWhileTheJobRuns() throws Exception {
    await().atMost(LONG_ENOUGH).until(() -> recordsIn() > 0);
    double first = recordsIn();
    await().atMost(LONG_ENOUGH).until(() -> recordsIn() > first);
    double bytesIn = 0;
    for (int i = 0; i < 2; i++) {
      bytesIn += sum(Http.get(cluster.runtimeUrl(i) + "/q/metrics"), "rivulet_task_bytes_in_total");
    }
    assertThat(bytesIn).as("records of the source cross to the other runtime over gRPC").isPositive();
    String controlPlane = Http.get(cluster.restUrl() + "/q/metrics");
    assertThat(controlPlane).contains("rivulet_cluster_runtimes 2.0");
    assertThat(controlPlane).containsPattern("rivulet_job_restarts_total\\{[^}]*job=\"" + jobId + "\"");
    JsonNode ready = Http.json(cluster.restUrl() + "/q/health/ready");
    assertThat(ready.path("checks").findValues("data").stream().filter(d -> d.has("mode")).findFirst().orElseThrow()
        .path("registered").asInt()).isEqualTo(2);
  }

  @Test
  void latencyMarkersBecomeRecordLatencySpansAtTheSinksOnBothSidesOfTheExchange() throws Exception {
    Predicate<ReceivedSpan> latency = s -> s.service().equals(RUNTIME) && s.name().equals("record latency")
        && jobId.equals(s.attributes().get("rivulet.job.id"));
    // markers take turns over the two channels: one to the sink task on the source's runtime, one across gRPC
    await().atMost(LONG_ENOUGH).until(() -> spans(latency).stream()
        .map(s -> s.attributes().get("rivulet.latency.exchanges")).distinct().count() == 2);
    List<ReceivedSpan> found = spans(latency);
    assertThat(found.stream().map(s -> s.attributes().get("rivulet.latency.exchanges")).distinct())
        .containsExactlyInAnyOrder("LOCAL", "DIRECT");
    assertThat(found).allSatisfy(s -> {
      assertThat(s.parentSpanId()).as("a trace of its own").isEmpty();
      assertThat(s.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
      assertThat(s.attributes()).containsEntry("rivulet.latency.source.vertex_name", "src")
          .containsEntry("rivulet.latency.source.subtask", "0")
          .containsEntry("rivulet.latency.sink.vertex_name", "same -> out")
          .containsEntry("rivulet.job.name", "traced");
      assertThat(s.attributes().get("rivulet.latency.source.vertex"))
          .isNotEqualTo(s.attributes().get("rivulet.latency.sink.vertex"));
      assertThat(s.attributes().get("rivulet.latency.sink.subtask")).isIn("0", "1");
      long latencyMs = Long.parseLong(s.attributes().get("rivulet.latency.ms"));
      assertThat(latencyMs).as("same host, one clock").isBetween(0L, LONG_ENOUGH.toMillis());
      assertThat((s.endNanos() - s.startNanos()) / 1_000_000).as("the span lasts the latency")
          .isEqualTo(latencyMs);
    });
    // which subtask sits on which runtime is the scheduler's choice: the crossing one is the one not local to src
    assertThat(found.stream().filter(s -> s.attributes().get("rivulet.latency.exchanges").equals("DIRECT"))
        .map(s -> s.attributes().get("rivulet.latency.sink.subtask")).distinct()).hasSize(1);

    await().atMost(LONG_ENOUGH).until(() -> recordLatencyCount() > 0);
  }

  /** Markers recorded by the runtimes' {@code rivulet.task.record.latency} timers for the job. */
  private static double recordLatencyCount() throws Exception {
    double n = 0;
    for (int i = 0; i < 2; i++) {
      n += sum(Http.get(cluster.runtimeUrl(i) + "/q/metrics"), "rivulet_task_record_latency_seconds_count");
    }
    return n;
  }

  private static Optional<ReceivedSpan> completedCheckpoint() {
    return spans(s -> s.service().equals(CONTROL_PLANE) && s.name().equals("checkpoint")
        && jobId.equals(s.attributes().get("rivulet.job.id")) && s.attributes().containsKey("rivulet.checkpoint.size_bytes"))
        .stream().findFirst();
  }

  private static double recordsIn() throws Exception {
    double n = 0;
    for (int i = 0; i < 2; i++) {
      n += sum(Http.get(cluster.runtimeUrl(i) + "/q/metrics"), "rivulet_task_records_in_total");
    }
    return n;
  }

  /** The sum of a meter's samples tagged with the job. */
  private static double sum(String metrics, String name) {
    Matcher m = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} ([0-9.E+-]+)$", Pattern.MULTILINE)
        .matcher(metrics);
    double sum = 0;
    while (m.find()) {
      if (m.group(1).contains("job=\"" + jobId + "\"")) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }

  private static List<ReceivedSpan> spans(Predicate<ReceivedSpan> which) {
    return receiver.spans().stream().filter(which).toList();
  }

  private static ReceivedSpan one(Predicate<ReceivedSpan> which) {
    List<ReceivedSpan> found = spans(which);
    assertThat(found).as("exactly one such span among " + receiver.spans()).hasSize(1);
    return found.get(0);
  }
}
