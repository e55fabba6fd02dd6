package io.rivulet.taskruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static io.rivulet.taskruntime.RuntimeFixture.LONG_ENOUGH;
import static io.rivulet.taskruntime.RuntimeFixture.awaitEnded;
import static io.rivulet.taskruntime.RuntimeFixture.ref;
import static org.awaitility.Awaitility.await;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.CollectSink;
import io.rivulet.api.connector.DiscardingSink;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.tuple.Tuple2;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.CheckpointAck;
import io.rivulet.proto.control.CheckpointNotification;
import io.rivulet.proto.control.CheckpointTrigger;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.ExecutionState;
import io.rivulet.proto.control.TaskSummary;
import io.rivulet.runtime.checkpoint.CheckpointFormat;
import io.rivulet.runtime.checkpoint.OperatorSubtaskState;
import io.rivulet.runtime.checkpoint.TaskRestore;
import io.rivulet.runtime.checkpoint.TaskStateSnapshot;
import io.rivulet.runtime.serialization.SerializedCopy;
import io.rivulet.runtime.state.FileStateHandle;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment path of real task runtimes (plain {@link TaskRuntimeNode}s, no Quarkus) driven over gRPC like a
 * job master would, against a {@link FakeControlPlane} that records what they report.
 */
class DeploymentTest {
  private static final TypeSerializer<Tuple2<Long, Long>> PAIR = Types.tuple2(Types.LONG, Types.LONG);

  @TempDir Path work;
  private RuntimeFixture fixture;
  private FakeControlPlane controlPlane;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    fixture = new RuntimeFixture(work);
    controlPlane = fixture.controlPlane;
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private TaskRuntimeNode node(String id, String controlPlaneAddress) throws Exception {
    return fixture.node(id, controlPlaneAddress);
  }

  private TaskRuntimeNode registeredNode(String id) throws Exception {
    return fixture.registeredNode(id);
  }

  private void deploy(DeployPlan plan) {
    fixture.deploy(plan);
  }

  // ---------------------------------------------------------------- registration

  @Test
  void registersWithItsPortsAndHeartbeats() throws Exception {
    TaskRuntimeNode a = registeredNode("A");
    var registration = controlPlane.registrations.get(0);
    assertThat(registration.getRuntimeId()).isEqualTo("A");
    assertThat(registration.getSlots()).isEqualTo(2);
    assertThat(registration.getControlPort()).isEqualTo(a.controlPort());
    assertThat(registration.getDataPort()).isEqualTo(a.dataPort());
    await().atMost(LONG_ENOUGH).until(() -> controlPlane.heartbeatsOf("A") >= 3);
  }

  @Test
  void registersAgainWhenTheControlPlaneForgetsIt() throws Exception {
    TaskRuntimeNode a = registeredNode("A");
    controlPlane.forget("A");
    await().atMost(LONG_ENOUGH).until(() -> controlPlane.registrationsOf("A") == 2);
    await().atMost(LONG_ENOUGH).until(a::isRegistered);
    assertThat(controlPlane.knows("A")).isTrue();
  }

  @Test
  void keepsRegisteringUntilTheControlPlaneAccepts() throws Exception {
    controlPlane.accept = false;
    TaskRuntimeNode a = node("A", controlPlane.address());
    await().atMost(LONG_ENOUGH).until(() -> controlPlane.refused.size() >= 2);
    assertThat(a.isRegistered()).isFalse();
    controlPlane.accept = true;
    await().atMost(LONG_ENOUGH).until(a::isRegistered);
  }

  @Test
  void registersWhenTheControlPlaneStartsAfterTheRuntime() throws Exception {
    // the control plane's port is held by a socket that is bound but does not listen: connecting to it is refused,
    // as when nothing is there, and no other process can take the port before the control plane binds it (released
    // only right before that, instead of being found free and left free while the runtime tries it)
    Socket reservation = new Socket();
    reservation.bind(new InetSocketAddress("127.0.0.1", 0));
    int port = reservation.getLocalPort();
    TaskRuntimeNode a;
    try {
      a = node("A", "127.0.0.1:" + port);
      await().during(Duration.ofMillis(300)).atMost(LONG_ENOUGH).until(() -> !a.isRegistered());
    } finally {
      reservation.close();
    }
    FakeControlPlane late = FakeControlPlane.startOn(port);
    toClose.add(late);
    await().atMost(LONG_ENOUGH).until(a::isRegistered);
    assertThat(late.registrationsOf("A")).isEqualTo(1);
  }

  // ---------------------------------------------------------------- deployment and the task lifecycle

  @Test
  void jobSplitOverTwoRuntimesRunsToTheEndAndEveryStateIsReported() throws Exception {
    TaskRuntimeNode a = registeredNode("A");
    TaskRuntimeNode b = registeredNode("B");
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    env.fromSequence(0, 999).map(x -> Tuple2.of(x % 10, x), PAIR).keyBy(Tuple2::f0, Types.LONG)
        .reduce((x, y) -> Tuple2.of(x.f0(), x.f1() + y.f1())).sinkTo(sink);
    JobGraph graph = env.jobGraph("split");
    int source = graph.vertices().get(0).id();
    // A runs source 0 and reducer 1, B the others: records cross both ways between the runtimes
    deploy(new DeployPlan(graph, "job-split").place((v, i) -> (v.id() == source) == (i == 0) ? a : b));

    await().atMost(LONG_ENOUGH).until(() -> controlPlane.subtasksIn("job-split", 0, "INPUT_ENDED") == 4);
    assertThat(CollectSink.results(sink.id())).as("published only once the job finished").isEmpty();
    for (JobVertex v : graph.vertices()) {
      for (int i = 0; i < 2; i++) {
        assertThat(controlPlane.statesOf("job-split", 0, v.id(), i)).containsExactly("RUNNING", "INPUT_ENDED");
      }
    }
    assertThat(controlPlane.runtime("A").notifyJobFinished(ref("job-split")).getOk()).isTrue();
    assertThat(controlPlane.runtime("B").notifyJobFinished(ref("job-split")).getOk()).isTrue();
    await().atMost(LONG_ENOUGH).until(() -> CollectSink.results(sink.id()).size() == 1_000);

    Map<Long, Long> finalSums = new TreeMap<>();
    for (Tuple2<Long, Long> t : CollectSink.<Tuple2<Long, Long>>results(sink.id())) {
      finalSums.merge(t.f0(), t.f1(), Math::max);
    }
    CollectSink.release(sink.id());
    Map<Long, Long> expected = new TreeMap<>();
    LongStream.rangeClosed(0, 999).forEach(x -> expected.merge(x % 10, x, Long::sum));
    assertThat(finalSums).isEqualTo(expected);
    awaitEnded(a, b);
    assertThat(a.dataExchange().connectionTo("127.0.0.1", b.dataPort()).channelCount()).isZero();
    assertThat(b.dataExchange().connectionTo("127.0.0.1", a.dataPort()).channelCount()).isZero();
  }

  @Test
  void cancelStopsEveryTaskReportsCanceledAndHeartbeatsShowedThemRunning() throws Exception {
    TaskRuntimeNode a = registeredNode("A");
    TaskRuntimeNode b = registeredNode("B");
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.fromGenerator(i -> i, -1, 2_000, Types.LONG).keyBy(x -> x % 7, Types.LONG).reduce(Long::sum)
        .sinkTo(new DiscardingSink<>());
    JobGraph graph = env.jobGraph("endless");
    int source = graph.vertices().get(0).id();
    deploy(new DeployPlan(graph, "job-endless").place((v, i) -> v.id() == source ? a : b));
    await().atMost(LONG_ENOUGH).until(() -> controlPlane.subtasksIn("job-endless", 0, "RUNNING") == 4);
    await().atMost(LONG_ENOUGH).until(() -> summariesOf("B", "job-endless").stream()
        .anyMatch(t -> t.getState() == ExecutionState.RUNNING && t.getRecordsIn() > 0));
    assertThat(a.status().tasks()).extracting(RuntimeStatus.Task::vertexId).containsOnly(source);

    assertThat(controlPlane.runtime("A").cancelJob(ref("job-endless")).getOk()).isTrue();
    assertThat(controlPlane.runtime("B").cancelJob(ref("job-endless")).getOk()).isTrue();
    await().atMost(LONG_ENOUGH).until(() -> controlPlane.subtasksIn("job-endless", 0, "CANCELED") == 4);
    awaitEnded(a, b);
    assertThat(controlPlane.failureOf("job-endless")).isEmpty();
    assertThat(controlPlane.runtime("A").cancelJob(ref("job-endless")).getOk()).as("cancel is idempotent").isTrue();
  }

  @Test
  void closingTheRuntimeCancelsItsTasksAndReportsThemBeforeItGoes() throws Exception {
    TaskRuntimeNode a = registeredNode("A");
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.fromGenerator(i -> i, -1, 1_000, Types.LONG).rebalance().map(x -> x, Types.LONG).sinkTo(new DiscardingSink<>());
    deploy(new DeployPlan(env.jobGraph("endless"), "job-shutdown").on(a));
    await().atMost(LONG_ENOUGH).until(() -> controlPlane.subtasksIn("job-shutdown", 0, "RUNNING") == 4);
    a.close(); // returns once the tasks ended and their reports were sent (the fixture's nodes have time for that)
    assertThat(a.deployments().attempts()).isEmpty();
    assertThat(controlPlane.subtasksIn("job-shutdown", 0, "CANCELED")).isEqualTo(4);
  }

  private List<TaskSummary> summariesOf(String runtimeId, String jobId) {
    return controlPlane.heartbeats.stream().filter(h -> h.getRuntimeId().equals(runtimeId))
        .flatMap(h -> h.getTasksList().stream()).filter(t -> t.getJobId().equals(jobId)).toList();
  }

  @Test
  void aFailingTaskIsReportedWithItsStackTrace() throws Exception {
    TaskRuntimeNode a = registeredNode("A");
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.fromSequence(0, 999).map(x -> {
      if (x == 500) {
        throw new IllegalStateException("boom at " + x);
      }
      return x;
    }, Types.LONG).sinkTo(new DiscardingSink<>());
    deploy(new DeployPlan(env.jobGraph("failing"), "job-fail").on(a));
    await().atMost(LONG_ENOUGH).until(() -> controlPlane.failureOf("job-fail").isPresent());
    String failure = controlPlane.failureOf("job-fail").orElseThrow().getFailure();
    assertThat(failure).startsWith("java.lang.IllegalStateException: boom at 500").contains("\tat ");
    awaitEnded(a);
  }

  @Test
  void checkpointIsTriggeredAcknowledgedWithItsStateAndCommittedOnNotification() throws Exception {
    TaskRuntimeNode a = registeredNode("A");
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    CollectSink<Long> sink = new CollectSink<>();
    env.fromGenerator(i -> i, -1, 1_000, Types.LONG).keyBy(x -> x % 3, Types.LONG).reduce(Long::sum).sinkTo(sink);
    JobGraph graph = env.jobGraph("checkpointed");
    int source = graph.vertices().get(0).id();
    int reduce = graph.vertices().get(1).id();
    Path checkpoints = work.resolve("shared-checkpoints").resolve("job-cp");
    deploy(new DeployPlan(graph, "job-cp").checkpointDirectory(checkpoints.toString()).on(a));
    await().atMost(LONG_ENOUGH).until(() -> controlPlane.subtasksIn("job-cp", 0, "RUNNING") == 2);
    await().atMost(LONG_ENOUGH).until(() -> a.status().tasks().stream()
        .anyMatch(t -> t.vertexId() == reduce && t.recordsIn() > 0));

    Ack triggered = controlPlane.runtime("A").triggerCheckpoint(CheckpointTrigger.newBuilder().setJobId("job-cp")
        .setAttempt(0).setVertexId(source).setSubtask(0).setCheckpointId(1).setTimestamp(1).build());
    assertThat(triggered.getOk()).isTrue();
    await().atMost(LONG_ENOUGH).until(() -> controlPlane.acks.size() == 2);
    CheckpointAck reduceAck = controlPlane.acks.stream().filter(x -> x.getVertexId() == reduce).findFirst().orElseThrow();
    assertThat(reduceAck.getCheckpointId()).isEqualTo(1);
    TaskStateSnapshot state = CheckpointFormat.fromMessage(reduceAck.getState(), "the reduce's ack");
    assertThat(state.operators()).isNotEmpty();
    OperatorSubtaskState reduceState = state.operators().values().stream().filter(s -> s.keyedState() != null)
        .findFirst().orElseThrow();
    Path file = Path.of(((FileStateHandle) reduceState.keyedState().data()).path());
    assertThat(file).startsWith(checkpoints.resolve("chk-1"));
    assertThat(Files.size(file)).isPositive();
    assertThat(CollectSink.results(sink.id())).as("staged until the checkpoint completes").isEmpty();

    Ack notified = controlPlane.runtime("A").notifyCheckpoint(CheckpointNotification.newBuilder().setJobId("job-cp")
        .setAttempt(0).setCheckpointId(1).setCompleted(true).build());
    assertThat(notified.getOk()).isTrue();
    await().atMost(LONG_ENOUGH).until(() -> !CollectSink.results(sink.id()).isEmpty());
    CollectSink.release(sink.id());

    Ack unknown = controlPlane.runtime("A").triggerCheckpoint(CheckpointTrigger.newBuilder().setJobId("job-cp")
        .setAttempt(0).setVertexId(source).setSubtask(5).setCheckpointId(2).build());
    assertThat(unknown.getOk()).isFalse();
    assertThat(controlPlane.runtime("A").cancelJob(ref("job-cp")).getOk()).isTrue();
    awaitEnded(a);
  }

  // ---------------------------------------------------------------- refused deployments

  @Test
  void refusesASecondDeploymentOfTheSameAttempt() throws Exception {
    TaskRuntimeNode a = registeredNode("A");
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.fromGenerator(i -> i, -1, 100, Types.LONG).sinkTo(new DiscardingSink<>());
    DeployRequest request = new DeployPlan(env.jobGraph("twice"), "job-twice").on(a).requests().get(a);
    assertThat(controlPlane.runtime("A").deploy(request).getOk()).isTrue();
    Ack second = controlPlane.runtime("A").deploy(request);
    assertThat(second.getOk()).isFalse();
    assertThat(second.getMessage()).contains("already deployed");
    assertThat(a.status().tasks()).hasSize(1);
    controlPlane.runtime("A").cancelJob(ref("job-twice"));
    awaitEnded(a);
  }

  @Test
  void refusesRestoreStateOfANewerFormatNamingTheSubtaskAndLeavesNothingBehind() throws Exception {
    TaskRuntimeNode a = registeredNode("A");
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.fromSequence(0, 9).map(x -> x, Types.LONG).name("identity").disableChaining().sinkTo(new DiscardingSink<>());
    JobGraph graph = env.jobGraph("newer-state");
    DeployRequest fresh = new DeployPlan(graph, "job-newer").on(a).requests().get(a);
    int map = graph.vertices().get(1).id();
    DeployRequest.Builder request = fresh.toBuilder();
    for (int i = 0; i < request.getTasksCount(); i++) {
      if (request.getTasks(i).getVertexId() == map) {
        request.setTasks(i, request.getTasks(i).toBuilder().setRestore(CheckpointFormat.toMessage(
            new TaskRestore(4, Map.of())).toBuilder().setFormatVersion(2)));
      }
    }
    Ack ack = controlPlane.runtime("A").deploy(request.build());
    assertThat(ack.getOk()).isFalse();
    assertThat(ack.getMessage()).contains("the restore state of subtask " + graph.vertices().get(1).name()
        + " #0 has checkpoint format version 2, newer than 1");
    assertThat(a.deployments().attempts()).isEmpty();
    assertThat(controlPlane.states).isEmpty();
  }

  @Test
  void refusesAPlacementThatMissesSubtasksAndLeavesNothingBehind() throws Exception {
    TaskRuntimeNode a = registeredNode("A");
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.fromSequence(0, 9).rebalance().map(x -> x, Types.LONG).sinkTo(new DiscardingSink<>());
    DeployRequest full = new DeployPlan(env.jobGraph("partial"), "job-partial").on(a).requests().get(a);
    DeployRequest partial = full.toBuilder().setPlacement(full.getPlacement().toBuilder().removePlacements(0)).build();
    Ack ack = controlPlane.runtime("A").deploy(partial);
    assertThat(ack.getOk()).isFalse();
    assertThat(ack.getMessage()).contains("has no placement");
    assertThat(a.deployments().attempts()).isEmpty();
    assertThat(controlPlane.states).isEmpty();
  }
}
