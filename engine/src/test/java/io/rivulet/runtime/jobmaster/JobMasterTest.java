package io.rivulet.runtime.jobmaster;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.config.RestartStrategy;
import io.rivulet.api.connector.DiscardingSink;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.proto.checkpoint.CheckpointProto;
import io.rivulet.proto.control.CheckpointAck;
import io.rivulet.proto.control.CheckpointDecline;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.ExecutionState;
import io.rivulet.proto.control.TaskDeployment;
import io.rivulet.proto.control.TaskStateReport;
import io.rivulet.runtime.checkpoint.CheckpointCoordinator;
import io.rivulet.runtime.checkpoint.CheckpointFormat;
import io.rivulet.runtime.checkpoint.CompletedCheckpoint;
import io.rivulet.runtime.checkpoint.OperatorSubtaskState;
import io.rivulet.runtime.checkpoint.TaskStateSnapshot;
import io.rivulet.runtime.cluster.FakeTaskRuntime;
import io.rivulet.runtime.cluster.RuntimeRegistry;
import io.rivulet.runtime.concurrent.ManualControlExecutor;
import io.rivulet.runtime.tracing.Tracing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job master's fail-over, driven step by step: fake task runtimes record every call and answer as the test says,
 * and one manual executor runs the registry and the job masters with a clock that moves only when the test moves it.
 * Nothing here depends on threads or timing.
 */
class JobMasterTest {
  private static final long SLOT_TIMEOUT = 60_000;
  private static final long CHECKPOINT_TIMEOUT = 30_000;
  private static final long CANCEL_TIMEOUT = 20_000;

  @TempDir
  Path checkpoints;

  private final ManualControlExecutor control = new ManualControlExecutor();
  private final List<FakeTaskRuntime> fakes = new ArrayList<>();
  private final RuntimeRegistry registry = new RuntimeRegistry(control, 10_000, FakeTaskRuntime.factory(fakes));
  private final List<JobMaster> masters = new ArrayList<>();

  JobMasterTest() {
    registry.onRuntimeLost((rt, reason) -> masters.forEach(m -> m.onRuntimeLost(rt, reason)));
  }

  private FakeTaskRuntime runtime(String id, int slots) {
    FakeTaskRuntime fake = new FakeTaskRuntime(id);
    fakes.add(fake);
    registry.register(fake.info(slots));
    control.runAll();
    return fake;
  }

  /** Two vertices of parallelism 2 (source, sink): four subtasks, two slots; a zero interval: no checkpoints. */
  private static JobGraph job(RestartStrategy restarts, Duration checkpointInterval) {
    StreamEnvironment env = StreamEnvironment.create(g -> null);
    env.setParallelism(2);
    env.config().restartStrategy(restarts);
    if (!checkpointInterval.isZero()) {
      env.config().checkpointInterval(checkpointInterval);
    }
    env.fromSequence(0, 9).rebalance().sinkTo(new DiscardingSink<>());
    return env.jobGraph("fail-over");
  }

  private JobMaster start(String jobId, JobGraph graph) {
    JobMasterServices services = new JobMasterServices(registry, id -> control, Runnable::run, Tracing.noop(),
        checkpoints, SLOT_TIMEOUT, CHECKPOINT_TIMEOUT, CANCEL_TIMEOUT);
    JobMaster master = new JobMaster(jobId, graph, JarLocation.NONE, services, checkpoints.resolve(jobId), null);
    masters.add(master);
    master.start();
    control.runAll();
    return master;
  }

  /** What a runtime reports for every subtask it was given in {@code request}. */
  private void report(DeployRequest request, ExecutionState state) {
    for (TaskDeployment t : request.getTasksList()) {
      report(request, t.getVertexId(), t.getSubtask(), state, "");
    }
  }

  private void report(DeployRequest request, int vertex, int subtask, ExecutionState state, String failure) {
    JobMaster master = masters.stream().filter(m -> m.jobId().equals(request.getJobId())).findFirst().orElseThrow();
    master.onTaskState(TaskStateReport.newBuilder().setJobId(request.getJobId()).setAttempt(request.getAttempt())
        .setVertexId(vertex).setSubtask(subtask).setState(state).setFailure(failure).build());
    control.runAll();
  }

  private static DeployRequest last(FakeTaskRuntime rt) {
    return rt.deployed.get(rt.deployed.size() - 1);
  }

  private static void assertNoSubtaskRuns(JobMaster m) {
    assertThat(m.subtasks()).allSatisfy(s -> assertThat(s.state().isTerminal())
        .as("subtask " + s.id() + " is " + s.state()).isTrue());
  }

  @Test
  void aJobRunsToItsEndOnePlacementSharedByTheRequestsAndTheSlotsComeBack() {
    FakeTaskRuntime a = runtime("a", 1);
    FakeTaskRuntime b = runtime("b", 1);
    JobMaster m = start("job", job(RestartStrategy.none(), Duration.ZERO));

    assertThat(a.deployed).singleElement().satisfies(r -> {
      assertThat(r.getAttempt()).isZero();
      assertThat(r.getTasksList()).extracting(TaskDeployment::getSubtask).containsOnly(0);
      assertThat(r.getPlacement().getPlacementsCount()).isEqualTo(4);
    });
    assertThat(b.deployed).singleElement().satisfies(r ->
        assertThat(r.getTasksList()).extracting(TaskDeployment::getSubtask).containsOnly(1));
    assertThat(a.deployed.get(0).getPlacement()).as("one placement message for every request")
        .isSameAs(b.deployed.get(0).getPlacement());
    assertThat(m.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(registry.freeSlots()).isZero();

    report(a.deployed.get(0), ExecutionState.RUNNING);
    report(b.deployed.get(0), ExecutionState.RUNNING);
    report(a.deployed.get(0), ExecutionState.INPUT_ENDED);
    assertThat(a.finished).as("not before every subtask ended its input").isEmpty();
    report(b.deployed.get(0), ExecutionState.INPUT_ENDED);
    assertThat(a.finished).hasSize(1);
    assertThat(b.finished).hasSize(1);
    report(a.deployed.get(0), ExecutionState.FINISHED);
    assertThat(m.status()).as("until every subtask committed and closed").isEqualTo(JobStatus.RUNNING);
    report(b.deployed.get(0), ExecutionState.FINISHED);

    assertThat(m.termination()).isCompletedWithValue(JobStatus.FINISHED);
    assertThat(m.restarts()).isZero();
    assertThat(m.subtasks()).allSatisfy(s -> assertThat(s.state()).isEqualTo(SubtaskState.FINISHED));
    assertThat(registry.freeSlots()).isEqualTo(2);
  }

  @Test
  void aRefusedDeploymentRestartsAfterTheDelayAndARestartIsCountedOnlyWhenItHappens() {
    FakeTaskRuntime a = runtime("a", 2);
    a.deployAnswer = FakeTaskRuntime.Answer.REFUSE;
    JobMaster m = start("job", job(RestartStrategy.fixedDelay(1, Duration.ofSeconds(5)), Duration.ZERO));

    assertThat(m.status()).isEqualTo(JobStatus.RESTARTING);
    assertThat(m.restarts()).isEqualTo(1);
    assertThat(m.failures()).singleElement().satisfies(f -> assertThat(f.message()).contains("refused by a"));
    assertThat(a.cancelled).extracting(r -> r.getAttempt()).containsExactly(0);
    control.advance(4_999);
    assertThat(a.deployed).as("not before the restart strategy's delay").hasSize(1);
    control.advance(1);
    assertThat(a.deployed).hasSize(2);
    assertThat(last(a).getAttempt()).isEqualTo(1);

    assertThat(m.termination()).as("the second refusal uses up the only restart").isCompletedWithValue(
        JobStatus.FAILED);
    assertThat(m.restarts()).as("the refused third attempt is not counted").isEqualTo(1);
    assertThat(m.failures()).hasSize(2);
    assertNoSubtaskRuns(m);
    assertThat(registry.freeSlots()).isEqualTo(2);
  }

  @Test
  void aRuntimeFoundGoneAtDeploymentIsDroppedAndTheAttemptGoesElsewhereWithoutUsingARestart() {
    FakeTaskRuntime a = runtime("a", 2);
    FakeTaskRuntime b = runtime("b", 2);
    a.deployAnswer = FakeTaskRuntime.Answer.UNREACHABLE;
    JobMaster m = start("job", job(RestartStrategy.none(), Duration.ZERO));
    control.advance(0); // the redeployment is due at once

    assertThat(registry.all()).extracting(e -> e.info().id()).containsExactly("b");
    assertThat(b.deployed).hasSize(2); // attempt 0 half on b, then attempt 1 wholly on b
    assertThat(last(b).getAttempt()).isEqualTo(1);
    assertThat(last(b).getTasksCount()).isEqualTo(4);
    assertThat(m.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(m.restarts()).as("strategy none: a counted restart would have failed the job").isZero();
  }

  @Test
  void oneLostRuntimeCostsExactlyOneRestartAndIsNamedEvenWhenItsPeersFailedFirst() {
    FakeTaskRuntime a = runtime("a", 1);
    FakeTaskRuntime b = runtime("b", 1);
    FakeTaskRuntime c = runtime("c", 1);
    JobMaster m = start("job", job(RestartStrategy.fixedDelay(1, Duration.ofSeconds(1)), Duration.ZERO));
    List<FakeTaskRuntime> used = List.of(a, b, c).stream().filter(r -> !r.deployed.isEmpty()).toList();
    assertThat(used).hasSize(2);
    used.forEach(r -> report(r.deployed.get(0), ExecutionState.RUNNING));

    // the survivor's data connection to the killed runtime breaks first, then the control plane sees the loss
    FakeTaskRuntime victim = used.get(0);
    FakeTaskRuntime survivor = used.get(1);
    DeployRequest onSurvivor = survivor.deployed.get(0);
    report(onSurvivor, onSurvivor.getTasks(0).getVertexId(), onSurvivor.getTasks(0).getSubtask(),
        ExecutionState.FAILED, "java.io.IOException: data connection to 10.0.0.1:7001 failed");
    victim.breakConnection();
    control.runAll();

    assertThat(m.restarts()).isEqualTo(1);
    assertThat(m.failures()).extracting(FailureRecord::message).satisfiesExactly(
        f -> assertThat(f).contains("data connection"),
        f -> assertThat(f).contains("task runtime " + victim.runtimeId()).contains("was lost"));
    control.advance(1_000);
    assertThat(victim.deployed).as("nothing goes to the lost runtime").hasSize(1);
    List<DeployRequest> attempt1 = new ArrayList<>();
    for (FakeTaskRuntime r : List.of(a, b, c)) {
      r.deployed.stream().filter(d -> d.getAttempt() == 1).forEach(attempt1::add);
    }
    assertThat(attempt1).flatExtracting(DeployRequest::getTasksList).hasSize(4);
    attempt1.forEach(r -> report(r, ExecutionState.RUNNING));
    assertThat(m.status()).isEqualTo(JobStatus.RUNNING);
  }

  @Test
  void aRestartStrategyThatRunsOutFailsTheJobWithNoSubtaskLeftRunning() {
    FakeTaskRuntime a = runtime("a", 2);
    JobMaster m = start("job", job(RestartStrategy.fixedDelay(2, Duration.ofMillis(100)), Duration.ZERO));
    for (int attempt = 0; attempt < 3; attempt++) {
      DeployRequest r = last(a);
      assertThat(r.getAttempt()).isEqualTo(attempt);
      report(r, ExecutionState.RUNNING);
      report(r, r.getTasks(1).getVertexId(), r.getTasks(1).getSubtask(), ExecutionState.FAILED, "boom " + attempt);
      control.advance(100);
    }
    assertThat(m.termination()).isCompletedWithValue(JobStatus.FAILED);
    assertThat(m.restarts()).isEqualTo(2);
    assertThat(m.failureCause().getMessage()).isEqualTo("boom 2");
    assertThat(a.deployed).hasSize(3);
    assertNoSubtaskRuns(m);
  }

  @Test
  void cancelDuringARestartEndsTheJobAndNothingIsDeployedAfterwards() {
    FakeTaskRuntime a = runtime("a", 2);
    JobMaster m = start("job", job(RestartStrategy.fixedDelay(3, Duration.ofSeconds(10)), Duration.ZERO));
    report(last(a), ExecutionState.RUNNING);
    report(last(a), last(a).getTasks(0).getVertexId(), 0, ExecutionState.FAILED, "boom");
    assertThat(m.status()).isEqualTo(JobStatus.RESTARTING);

    m.cancel();
    control.runAll();
    assertThat(m.termination()).isCompletedWithValue(JobStatus.CANCELED);
    control.advance(60_000);
    assertThat(a.deployed).hasSize(1);
    assertNoSubtaskRuns(m);
    assertThat(registry.freeSlots()).isEqualTo(2);
  }

  @Test
  void cancelWaitsForTheTasksOrForTheirRuntimeToBeGone() {
    FakeTaskRuntime a = runtime("a", 1);
    FakeTaskRuntime b = runtime("b", 1);
    JobMaster m = start("job", job(RestartStrategy.none(), Duration.ZERO));
    report(a.deployed.get(0), ExecutionState.RUNNING);
    report(b.deployed.get(0), ExecutionState.RUNNING);
    m.cancel();
    control.runAll();
    assertThat(m.status()).isEqualTo(JobStatus.CANCELLING);
    assertThat(m.subtasks()).allSatisfy(s -> assertThat(s.state()).isEqualTo(SubtaskState.CANCELING));
    report(a.deployed.get(0), ExecutionState.CANCELED);
    assertThat(m.status()).isEqualTo(JobStatus.CANCELLING);
    b.breakConnection(); // b died meanwhile: its tasks run nowhere
    control.runAll();
    assertThat(m.termination()).isCompletedWithValue(JobStatus.CANCELED);
    assertThat(m.subtasks()).allSatisfy(s -> assertThat(s.state()).isEqualTo(SubtaskState.CANCELED));
  }

  @Test
  void checkpointsCompleteWithEveryAckIgnoreLateOnesOfAnOldAttemptAndAbortOnADecline() throws Exception {
    FakeTaskRuntime a = runtime("a", 2);
    JobMaster m = start("job", job(RestartStrategy.fixedDelay(5, Duration.ZERO), Duration.ofSeconds(1)));
    report(last(a), ExecutionState.RUNNING);
    control.advance(1_000);
    assertThat(a.triggered).as("the two source subtasks").hasSize(2)
        .allSatisfy(t -> assertThat(t.getCheckpointId()).isEqualTo(1));
    acknowledgeAll(m, 0, 1);
    assertThat(m.coordinator().completedCount()).isEqualTo(1);
    assertThat(a.notified).as("one notification per runtime").singleElement()
        .satisfies(n -> assertThat(n.getCompleted()).isTrue());

    control.advance(1_000); // checkpoint 2: declined
    m.decline(CheckpointDecline.newBuilder().setJobId("job").setAttempt(0).setVertexId(sourceVertex(m))
        .setSubtask(0).setCheckpointId(2).setReason("not now").build());
    control.runAll();
    assertThat(m.coordinator().abortedCount()).isEqualTo(1);

    // a restart; acknowledgements of the old attempt arrive late and change nothing
    report(last(a), sourceVertex(m), 1, ExecutionState.FAILED, "boom");
    control.advance(0); // no restart delay
    DeployRequest second = last(a);
    assertThat(second.getAttempt()).isEqualTo(1);
    assertThat(m.restores()).as("attempt 1 restored checkpoint 1").isEqualTo(1);
    report(second, ExecutionState.RUNNING);
    control.advance(1_000);
    acknowledgeAll(m, 0, 3);
    assertThat(m.coordinator().completedCount()).isEqualTo(1);
    acknowledgeAll(m, 1, 3);
    assertThat(m.coordinator().completedCount()).isEqualTo(2);
    assertThat(m.restores()).isEqualTo(1);
  }

  @Test
  void acknowledgedStateTravelsTypedIntoTheRestoreAndAnAckInANewerFormatAbortsItsCheckpoint() {
    FakeTaskRuntime a = runtime("a", 2);
    JobMaster m = start("job", job(RestartStrategy.fixedDelay(5, Duration.ZERO), Duration.ofSeconds(1)));
    List<String> aborted = new ArrayList<>();
    m.coordinator().addListener(new CheckpointCoordinator.Listener() {
      @Override
      public void onCompleted(CompletedCheckpoint checkpoint, long durationMillis) {}

      @Override
      public void onAborted(long checkpointId, String reason) {
        aborted.add(checkpointId + ": " + reason);
      }
    });
    report(last(a), ExecutionState.RUNNING);
    String sourceUid = m.graph().vertices().get(0).operators().get(0).uid();
    CheckpointProto.TaskStateSnapshot position = CheckpointFormat.toMessage(new TaskStateSnapshot(Map.of(sourceUid,
        new OperatorSubtaskState(Map.of("reader-position", new byte[] {0, 0, 0, 7}), null))));

    control.advance(1_000); // checkpoint 1: one subtask answers in a format from the future
    m.acknowledge(CheckpointAck.newBuilder().setJobId("job").setAttempt(0).setVertexId(sourceVertex(m)).setSubtask(0)
        .setCheckpointId(1).setState(position.toBuilder().setFormatVersion(2)).build());
    control.runAll();
    assertThat(m.coordinator().abortedCount()).isEqualTo(1);
    assertThat(aborted).singleElement().asString().startsWith("1: declined by subtask " + sourceVertex(m) + "#0: ")
        .contains("checkpoint format version 2, newer than 1");

    control.advance(1_000); // checkpoint 2: the source subtask 0 acknowledges its position
    for (JobVertex v : m.graph().vertices()) {
      for (int i = 0; i < v.parallelism(); i++) {
        CheckpointAck.Builder ack = CheckpointAck.newBuilder().setJobId("job").setAttempt(0).setVertexId(v.id())
            .setSubtask(i).setCheckpointId(2);
        if (v.id() == sourceVertex(m) && i == 0) {
          ack.setState(position);
        }
        m.acknowledge(ack.build());
      }
    }
    control.runAll();
    assertThat(m.coordinator().completedCount()).isEqualTo(1);

    report(last(a), sourceVertex(m), 1, ExecutionState.FAILED, "boom");
    control.advance(0);
    DeployRequest restart = last(a);
    TaskDeployment source0 = restart.getTasksList().stream()
        .filter(t -> t.getVertexId() == sourceVertex(m) && t.getSubtask() == 0).findFirst().orElseThrow();
    assertThat(source0.hasRestore()).isTrue();
    assertThat(source0.getRestore().getFormatVersion()).isEqualTo(1);
    assertThat(source0.getRestore().getCheckpointId()).isEqualTo(2);
    assertThat(source0.getRestore().getOperatorsMap().get(sourceUid).getOperatorStateMap().get("reader-position")
        .toByteArray()).containsExactly(0, 0, 0, 7);
    assertThat(restart.getTasksList()).filteredOn(t -> t.getVertexId() != sourceVertex(m)).isNotEmpty()
        .as("the sink has no state in the checkpoint: it starts fresh").allSatisfy(t -> assertThat(t.hasRestore()).isFalse());
  }

  @Test
  void aRuntimeThatNeverAnswersATriggerDelaysNeitherAnotherJobsCheckpointsNorHeartbeats() {
    FakeTaskRuntime silent = runtime("silent", 2);
    silent.triggerAnswer = FakeTaskRuntime.Answer.NEVER;
    JobMaster stuck = start("stuck", job(RestartStrategy.none(), Duration.ofSeconds(1)));
    FakeTaskRuntime fine = runtime("fine", 2);
    JobMaster other = start("other", job(RestartStrategy.none(), Duration.ofSeconds(1)));
    assertThat(last(fine).getJobId()).isEqualTo("other");
    report(last(silent), ExecutionState.RUNNING);
    report(last(fine), ExecutionState.RUNNING);
    for (int s = 1; s <= CHECKPOINT_TIMEOUT / 1_000; s++) {
      control.advance(1_000);
      CompletableFuture<Boolean> heartbeat = registry.heartbeat("silent", List.of());
      control.runAll();
      assertThat(heartbeat).isCompletedWithValue(true);
      acknowledgeAll(other, 0, s);
    }
    assertThat(other.coordinator().completedCount()).isEqualTo(CHECKPOINT_TIMEOUT / 1_000);
    assertThat(stuck.coordinator().completedCount()).isZero();
    control.advance(1_000);
    assertThat(stuck.coordinator().abortedCount()).as("aborted at its timeout").isEqualTo(1);
    assertThat(stuck.status()).isEqualTo(JobStatus.RUNNING);
  }

  @Test
  void aSavepointDuringAFailOverIsRefusedAndOneAfterItIsTaken() throws Exception {
    FakeTaskRuntime a = runtime("a", 2);
    JobMaster m = start("job", job(RestartStrategy.fixedDelay(1, Duration.ofSeconds(1)), Duration.ZERO));
    report(last(a), ExecutionState.RUNNING);
    report(last(a), sourceVertex(m), 0, ExecutionState.FAILED, "boom");
    CompletableFuture<CompletedCheckpoint> during = m.triggerSavepoint(checkpoints.resolve("sp"), false);
    control.runAll();
    assertThat(during).isCompletedExceptionally();
    assertThat(messageOf(during)).contains("not all tasks are running");

    control.advance(1_000);
    report(last(a), ExecutionState.RUNNING);
    CompletableFuture<CompletedCheckpoint> after = m.triggerSavepoint(checkpoints.resolve("sp"), false);
    control.runAll();
    acknowledgeAll(m, 1, a.triggered.get(a.triggered.size() - 1).getCheckpointId());
    assertThat(after).isCompleted();
    assertThat(after.get().savepoint()).isTrue();
  }

  @Test
  void aJobThatGetsNoSlotsFailsAtTheSlotTimeoutNamingWhatIsMissing() {
    runtime("a", 1);
    JobMaster m = start("job", job(RestartStrategy.fixedDelay(3, Duration.ZERO), Duration.ZERO));
    assertThat(m.status()).isEqualTo(JobStatus.CREATED);
    control.advance(SLOT_TIMEOUT);
    assertThat(m.termination()).isCompletedWithValue(JobStatus.FAILED);
    assertThat(m.failureCause().getMessage()).contains("needs 2").contains("start more task runtimes");
    assertThat(m.restarts()).isZero();
  }

  private void acknowledgeAll(JobMaster m, int attempt, long checkpointId) {
    for (JobVertex v : m.graph().vertices()) {
      for (int i = 0; i < v.parallelism(); i++) {
        m.acknowledge(CheckpointAck.newBuilder().setJobId(m.jobId()).setAttempt(attempt).setVertexId(v.id())
            .setSubtask(i).setCheckpointId(checkpointId).build());
      }
    }
    control.runAll();
  }

  private static int sourceVertex(JobMaster m) {
    return m.graph().vertices().get(0).id();
  }

  private static String messageOf(CompletableFuture<?> f) {
    try {
      f.get();
      return "not failed";
    } catch (ExecutionException e) {
      return e.getCause().getMessage();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
