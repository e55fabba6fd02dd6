package io.rivulet.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.DiscardingSink;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.CheckpointNotification;
import io.rivulet.proto.control.CheckpointTrigger;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.JobRef;
import io.rivulet.proto.control.TaskRuntimeGrpc;
import io.rivulet.runtime.checkpoint.CompletedCheckpoint;
import io.rivulet.proto.control.CheckpointAck;
import io.rivulet.proto.control.ExecutionState;
import io.rivulet.proto.control.TaskStateReport;
import io.rivulet.runtime.cluster.RuntimeInfo;
import io.rivulet.runtime.cluster.RuntimeRegistry;
import io.rivulet.runtime.concurrent.SerialExecutor;
import io.rivulet.runtime.jobmaster.JarLocation;
import io.rivulet.runtime.jobmaster.JobMaster;
import io.rivulet.runtime.jobmaster.JobMasterServices;
import io.rivulet.runtime.rpc.GrpcTaskRuntimeGateway;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job master and a fake task runtime over real loopback gRPC, both traced with an SDK that keeps spans in memory:
 * the submission, scheduling, the Deploy call and the runtime's work form one trace; a checkpoint forms its own,
 * linked to the submission; calls made outside any span (heartbeats, reports) create no spans.
 */
class JobTracingTest {
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider provider = SdkTracerProvider.builder()
      .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  private final Tracing tracing = Tracing.of(OpenTelemetrySdk.builder().setTracerProvider(provider)
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build());
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final List<DeployRequest> deployed = new CopyOnWriteArrayList<>();
  private final List<CheckpointTrigger> triggered = new CopyOnWriteArrayList<>();
  private final List<CheckpointNotification> notified = new CopyOnWriteArrayList<>();
  private RuntimeRegistry registry;
  private Server runtime;

  @TempDir Path checkpoints;

  @BeforeEach
  void start() throws Exception {
    runtime = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerInterceptors.intercept(new FakeRuntime(), tracing.serverInterceptor())).build().start();
    registry = new RuntimeRegistry(new SerialExecutor("registry", scheduler, scheduler), 60_000,
        info -> new GrpcTaskRuntimeGateway(info.id(), info.host(), info.controlPort(), tracing, Duration.ofSeconds(10)));
    registry.register(new RuntimeInfo("rt-1", "127.0.0.1", runtime.getPort(), 1, 2, "")).get(10, TimeUnit.SECONDS);
  }

  private JobMaster master(JobGraph graph) {
    JobMasterServices services = new JobMasterServices(registry, id -> new SerialExecutor(id, scheduler, scheduler),
        scheduler, tracing, checkpoints, 10_000, 60_000, 10_000);
    return new JobMaster("job-1", graph, JarLocation.NONE, services, checkpoints.resolve("job-1"), null);
  }

  @AfterEach
  void stop() {
    registry.close();
    scheduler.shutdown();
    runtime.shutdownNow();
    provider.close();
  }

  @Test
  void submissionSchedulingDeployAndTheRuntimesWorkAreOneTrace() throws Exception {
    JobMaster master = master(job());
    Span submission = tracing.tracer().spanBuilder("POST /v1/jobs").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope ignored = submission.makeCurrent()) {
      master.start();
    } finally {
      submission.end();
    }
    await().atMost(Duration.ofSeconds(120)).until(() -> named("deploy tasks").isPresent()
        && named("schedule job").isPresent());

    SpanData schedule = named("schedule job").orElseThrow();
    SpanData allocate = named("allocate slots").orElseThrow();
    SpanData client = kind("rivulet.control.TaskRuntime/Deploy", SpanKind.CLIENT).orElseThrow();
    SpanData server = kind("rivulet.control.TaskRuntime/Deploy", SpanKind.SERVER).orElseThrow();
    SpanData work = named("deploy tasks").orElseThrow();
    String trace = submission.getSpanContext().getTraceId();
    assertThat(List.of(schedule, allocate, client, server, work)).allSatisfy(s ->
        assertThat(s.getTraceId()).as(s.getName() + " in the submission's trace").isEqualTo(trace));
    assertThat(schedule.getParentSpanId()).isEqualTo(submission.getSpanContext().getSpanId());
    assertThat(allocate.getParentSpanId()).isEqualTo(schedule.getSpanId());
    assertThat(client.getParentSpanId()).isEqualTo(schedule.getSpanId());
    assertThat(server.getParentSpanId()).as("context carried in the gRPC metadata").isEqualTo(client.getSpanId());
    assertThat(work.getParentSpanId()).as("the service runs inside the server span").isEqualTo(server.getSpanId());
    assertThat(schedule.getAttributes().get(Tracing.JOB_ID)).isEqualTo("job-1");
    assertThat(schedule.getAttributes().get(Tracing.ATTEMPT)).isZero();
    assertThat(client.getAttributes().get(RpcAttributes.SERVER_PORT)).isEqualTo((long) runtime.getPort());
    assertThat(server.getAttributes().get(RpcAttributes.GRPC_STATUS_CODE)).isZero();
    master.cancel();
  }

  @Test
  void aCheckpointIsATraceOfItsOwnWithAcknowledgementsAsEventsAndItsCallsAsChildren() throws Exception {
    JobGraph graph = job();
    JobMaster master = master(graph);
    Span submission = tracing.tracer().spanBuilder("POST /v1/jobs").startSpan();
    try (Scope ignored = submission.makeCurrent()) {
      master.start();
    } finally {
      submission.end();
    }
    await().atMost(Duration.ofSeconds(120)).until(() -> !deployed.isEmpty());
    for (JobVertex v : graph.vertices()) {
      for (int i = 0; i < v.parallelism(); i++) {
        master.onTaskState(TaskStateReport.newBuilder().setRuntimeId("rt-1").setJobId("job-1").setAttempt(0)
            .setVertexId(v.id()).setSubtask(i).setState(ExecutionState.RUNNING).build());
      }
    }
    await().atMost(Duration.ofSeconds(120)).until(() -> master.subtasks().stream()
        .allMatch(st -> st.state() == io.rivulet.runtime.jobmaster.SubtaskState.RUNNING));
    CompletableFuture<CompletedCheckpoint> checkpoint = master.triggerCheckpoint();
    await().atMost(Duration.ofSeconds(120)).until(() -> triggered.size() == 2); // the two source subtasks
    long id = triggered.get(0).getCheckpointId();
    for (JobVertex v : graph.vertices()) {
      for (int i = 0; i < v.parallelism(); i++) {
        master.acknowledge(CheckpointAck.newBuilder().setJobId("job-1").setAttempt(0).setVertexId(v.id())
            .setSubtask(i).setCheckpointId(id).build());
      }
    }
    checkpoint.get(120, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(120)).until(() -> !notified.isEmpty()
        && kind("rivulet.control.TaskRuntime/NotifyCheckpoint", SpanKind.CLIENT).isPresent());

    SpanData span = named("checkpoint").orElseThrow();
    assertThat(span.getParentSpanContext().isValid()).as("a root: periodic checkpoints belong to no request").isFalse();
    assertThat(span.getLinks()).singleElement().satisfies(l ->
        assertThat(l.getSpanContext().getSpanId()).isEqualTo(submission.getSpanContext().getSpanId()));
    assertThat(span.getAttributes().get(Tracing.CHECKPOINT_ID)).isEqualTo(id);
    assertThat(span.getEvents()).hasSize(4).allSatisfy(e -> assertThat(e.getName()).isEqualTo("acknowledged"));
    assertThat(span.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.UNSET);
    List<SpanData> triggers = spans.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals("rivulet.control.TaskRuntime/TriggerCheckpoint")).toList();
    assertThat(triggers).hasSize(4).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(span.getTraceId()));
    assertThat(kind("rivulet.control.TaskRuntime/NotifyCheckpoint", SpanKind.CLIENT).orElseThrow().getParentSpanId())
        .as("the notification leaves inside the checkpoint's span").isEqualTo(span.getSpanId());
    master.cancel();
  }

  @Test
  void callsOutsideAnySpanCarryNothingAndCreateNoSpans() {
    Ack ack = registry.get("rt-1").orElseThrow().gateway().cancel(JobRef.newBuilder().setJobId("x").build()).join();
    assertThat(ack.getOk()).isTrue();
    assertThat(spans.getFinishedSpanItems()).isEmpty();
  }

  private Optional<SpanData> named(String name) {
    return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst();
  }

  private Optional<SpanData> kind(String name, SpanKind kind) {
    return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name) && s.getKind() == kind)
        .findFirst();
  }

  private static JobGraph job() {
    StreamEnvironment env = StreamEnvironment.create(g -> null);
    env.setParallelism(2);
    env.fromSequence(0, 9).rebalance().sinkTo(new DiscardingSink<>());
    return env.jobGraph("traced");
  }

  /** Acknowledges everything; its Deploy starts a span as the real runtime does. */
  private final class FakeRuntime extends TaskRuntimeGrpc.TaskRuntimeImplBase {
    @Override
    public void deploy(DeployRequest request, StreamObserver<Ack> out) {
      Span span = tracing.tracer().spanBuilder("deploy tasks").startSpan();
      span.end();
      deployed.add(request);
      ok(out);
    }

    @Override
    public void cancelJob(JobRef request, StreamObserver<Ack> out) {
      ok(out);
    }

    @Override
    public void triggerCheckpoint(CheckpointTrigger request, StreamObserver<Ack> out) {
      triggered.add(request);
      ok(out);
    }

    @Override
    public void notifyCheckpoint(CheckpointNotification request, StreamObserver<Ack> out) {
      notified.add(request);
      ok(out);
    }

    private void ok(StreamObserver<Ack> out) {
      out.onNext(Ack.newBuilder().setOk(true).build());
      out.onCompleted();
    }
  }
}
