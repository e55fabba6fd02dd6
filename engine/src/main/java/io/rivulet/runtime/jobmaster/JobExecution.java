package io.rivulet.runtime.jobmaster;

import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.proto.control.CheckpointAck;
import io.rivulet.proto.control.CheckpointDecline;
import io.rivulet.proto.control.ExecutionState;
import io.rivulet.proto.control.JobRef;
import io.rivulet.proto.control.TaskStateReport;
import io.rivulet.proto.control.TaskSummary;
import io.rivulet.runtime.checkpoint.CheckpointCoordinator;
import io.rivulet.runtime.checkpoint.CheckpointFormat;
import io.rivulet.runtime.checkpoint.CheckpointFormatException;
import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.checkpoint.TaskStateSnapshot;
import io.rivulet.runtime.cluster.RuntimeInfo;
import io.rivulet.runtime.cluster.SlotAssignment;
import io.rivulet.runtime.concurrent.ControlExecutor;
import io.rivulet.runtime.rpc.TaskRuntimeGateway;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The control-thread core of a {@link JobMaster}: the job's state and every transition (an attempt scheduled,
 * deployed, running, finished; a failure and the fail-over; cancellation; the end). Every method runs on the job
 * master's {@link ControlExecutor}, so nothing here is locked; the fields others read are volatile, written here
 * only.
 */
final class JobExecution {
  private static final System.Logger LOG = System.getLogger(JobMaster.class.getName());

  final String jobId;
  final JobGraph graph;
  final JobMasterServices services;
  final ControlExecutor executor;
  final CheckpointCoordinator coordinator;
  final AttemptDeployer deployer;
  final CompletableFuture<JobStatus> termination = new CompletableFuture<>();
  final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
  final List<FailureRecord> failures = new CopyOnWriteArrayList<>();

  // ---- published: written on the control thread, read anywhere
  volatile JobStatus status = JobStatus.CREATED;
  volatile int attempt = -1;
  volatile int restarts;
  volatile int restores;
  volatile long endTime = -1;
  volatile AttemptTracker tracker;

  // ---- control thread only
  private SlotAssignment slots;
  /** Runtimes of the attempt that failed last: their loss during the restart is recorded, not acted on. */
  private Set<String> failedAttemptRuntimes = Set.of();
  private boolean cancelRequested;
  private ControlExecutor.Cancellable pendingRestart;
  private ControlExecutor.Cancellable cancelTimeout = ControlExecutor.Cancellable.NONE;

  JobExecution(String jobId, JobGraph graph, JarLocation jar, JobMasterServices services, ControlExecutor executor,
      CheckpointCoordinator coordinator, String checkpointDirectory, int slotsNeeded) {
    this.jobId = jobId;
    this.graph = graph;
    this.services = services;
    this.executor = executor;
    this.coordinator = coordinator;
    this.deployer = new AttemptDeployer(jobId, graph, jar, services, executor, coordinator, checkpointDirectory,
        slotsNeeded, new DeployerHost());
  }

  // ------------------------------------------------------------------ messages (control thread)

  void summaries(List<TaskSummary> summaries) {
    AttemptTracker t = tracker;
    if (t == null) {
      return;
    }
    for (TaskSummary s : summaries) {
      if (s.getJobId().equals(jobId) && s.getAttempt() == t.attempt()) {
        SubtaskStatus st = t.get(new SubtaskId(s.getVertexId(), s.getSubtask()));
        // a subtask that ended has its final counters from its last report; a heartbeat may come after it
        if (st != null && !st.ended() && st.state() != SubtaskState.CANCELED && st.state() != SubtaskState.FAILED) {
          st.counters(s.getRecordsIn(), s.getRecordsOut(), s.getBackPressuredNanos(), s.getCurrentWatermark());
        }
      }
    }
  }

  void acknowledge(CheckpointAck ack) {
    SubtaskId subtask = new SubtaskId(ack.getVertexId(), ack.getSubtask());
    TaskStateSnapshot snapshot;
    try {
      snapshot = CheckpointFormat.stateOf(ack, "the acknowledgement of checkpoint " + ack.getCheckpointId()
          + " by subtask " + subtask);
    } catch (CheckpointFormatException e) { // a runtime of another version: the checkpoint cannot complete
      coordinator.decline(subtask, ack.getAttempt(), ack.getCheckpointId(), e.getMessage());
      return;
    }
    coordinator.acknowledge(subtask, ack.getAttempt(), ack.getCheckpointId(), snapshot);
  }

  void decline(CheckpointDecline decline) {
    coordinator.decline(new SubtaskId(decline.getVertexId(), decline.getSubtask()), decline.getAttempt(),
        decline.getCheckpointId(), decline.getReason());
  }

  // ------------------------------------------------------------------ scheduling and deployment (control thread)

  void scheduleAttempt(int number) {
    if (status.isTerminal() || cancelRequested) {
      return;
    }
    pendingRestart = null;
    attempt = number;
    slots = null;
    tracker = new AttemptTracker(number, graph, null);
    changed();
    deployer.schedule(number);
  }

  /** The deployer's view of this job master (all calls on the control thread). */
  private final class DeployerHost implements AttemptDeployer.Host {
    @Override
    public boolean wants(int number) {
      return number == attempt && !status.isTerminal() && !cancelRequested;
    }

    @Override
    public void unwanted(SlotAssignment assignment) {
      if (assignment != null) {
        services.registry().release(jobId);
      }
      if (cancelRequested && !status.isTerminal()) {
        endWith(JobStatus.CANCELED);
      }
    }

    @Override
    public void cannotRun(String reason) {
      fail(reason);
    }

    @Override
    public void deploying(int number, SlotAssignment assignment, AttemptTracker t, boolean restoring) {
      slots = assignment;
      if (restoring) {
        restores++;
      }
      tracker = t;
      status = JobStatus.RUNNING;
      coordinator.newAttempt(number, new AttemptCheckpointGateway(jobId, number, assignment, executor, coordinator));
      changed();
    }

    @Override
    public void deploymentFailed(int number, String reason, boolean counted) {
      failover(number, null, reason, counted);
    }
  }

  // ------------------------------------------------------------------ reports (control thread)

  void taskState(TaskStateReport report) {
    AttemptTracker t = tracker;
    if (t == null || report.getAttempt() != t.attempt() || report.getAttempt() != attempt || status.isTerminal()) {
      return;
    }
    SubtaskStatus s = t.get(new SubtaskId(report.getVertexId(), report.getSubtask()));
    if (s == null) {
      return;
    }
    if (report.hasCounters()) { // fresher than the last heartbeat, and the final ones of a task that ended
      TaskSummary c = report.getCounters();
      s.counters(c.getRecordsIn(), c.getRecordsOut(), c.getBackPressuredNanos(), c.getCurrentWatermark());
    }
    if (!t.apply(s, report.getState())) {
      return;
    }
    if (status == JobStatus.CANCELLING) {
      checkCancelled();
      return;
    }
    if (status != JobStatus.RUNNING) {
      return;
    }
    ExecutionState state = report.getState();
    switch (state) {
      case FAILED -> failover(attempt, taskName(s.id()), report.getFailure(), true);
      case CANCELED -> failover(attempt, taskName(s.id()), "the task was cancelled on task runtime "
          + report.getRuntimeId() + " without the job master asking (the runtime shut down?)", true);
      case RUNNING -> {
        if (t.allRunning()) {
          coordinator.setTasksRunning(true);
          long interval = graph.config().checkpointIntervalMillis();
          if (interval > 0) {
            coordinator.startPeriodic(interval);
          }
        }
      }
      case INPUT_ENDED -> {
        coordinator.setTasksRunning(false);
        if (t.allInputEnded()) {
          notifyJobFinished(attempt);
        }
      }
      case FINISHED -> {
        if (t.allEnded()) {
          endWith(JobStatus.FINISHED);
        }
      }
      default -> { }
    }
  }

  /** Every subtask ended its input: the runtimes commit what was staged at the end, then the tasks end. */
  private void notifyJobFinished(int number) {
    JobRef ref = JobRef.newBuilder().setJobId(jobId).setAttempt(number).build();
    for (RuntimeInfo rt : slots.runtimes()) {
      slots.gateway(rt.id()).notifyJobFinished(ref).whenCompleteAsync((ack, error) -> {
        if (number == attempt && status == JobStatus.RUNNING && (error != null || !ack.getOk())) {
          failover(number, null, "telling task runtime " + rt.id() + " that the job finished failed: "
              + (error != null ? Failures.unwrap(error) : ack.getMessage()), true);
        }
      }, executor);
    }
  }

  void runtimeLost(RuntimeInfo runtime, String reason) {
    String what = "task runtime " + runtime.id() + " (" + runtime.host() + ":" + runtime.controlPort()
        + ") was lost: " + reason;
    boolean used = slots != null && slots.uses(runtime.id());
    if (used && status == JobStatus.CANCELLING) {
      tracker.lostWith(runtime.id());
      checkCancelled();
    } else if (used && status == JobStatus.RUNNING) {
      failover(attempt, null, what, true);
    } else if (status == JobStatus.RESTARTING && failedAttemptRuntimes.contains(runtime.id())) {
      // the failure that restarts the job (often a broken data connection) came first: record whose loss it was
      failures.add(new FailureRecord(executor.now(), null, what, what));
      changed();
    }
  }

  // ------------------------------------------------------------------ fail-over and the end (control thread)

  /**
   * The attempt failed: cancels it everywhere, gives its slots back and restarts after the strategy's delay.
   *
   * @param counted whether this failure uses up a restart (a runtime found gone at deployment does not: nothing of
   *     the job failed, the next deployment just goes elsewhere)
   */
  private void failover(int number, String task, String failure, boolean counted) {
    if (number != attempt || status != JobStatus.RUNNING) {
      return;
    }
    failures.add(new FailureRecord(executor.now(), task, Failures.firstLine(failure), failure));
    failedAttemptRuntimes = new HashSet<>(slots.runtimes().stream().map(RuntimeInfo::id).toList());
    stopAttempt(number);
    long delay = 0;
    if (counted) {
      if (!graph.config().restartStrategy().canRestart(restarts + 1)) {
        LOG.log(System.Logger.Level.WARNING, "job {0} failed for good ({1}): {2}", jobId,
            graph.config().restartStrategy(), Failures.firstLine(failure));
        endWith(JobStatus.FAILED);
        return;
      }
      restarts++;
      delay = graph.config().restartStrategy().delayMillis(restarts);
    }
    status = JobStatus.RESTARTING;
    changed();
    LOG.log(System.Logger.Level.INFO, "job {0} restarting in {1} ms (attempt {2}) after: {3}", jobId,
        String.valueOf(delay), String.valueOf(number + 1), Failures.firstLine(failure));
    pendingRestart = executor.schedule(() -> scheduleAttempt(number + 1), delay);
  }

  /** Stops checkpoints, cancels the attempt's tasks on every runtime it used and gives its slots back. */
  private void stopAttempt(int number) {
    coordinator.stopPeriodic();
    coordinator.setTasksRunning(false);
    JobRef ref = JobRef.newBuilder().setJobId(jobId).setAttempt(number).build();
    for (RuntimeInfo rt : slots.runtimes()) {
      TaskRuntimeGateway g = slots.gateway(rt.id());
      g.cancel(ref).whenComplete((ack, error) -> {
        if (error != null) {
          LOG.log(System.Logger.Level.DEBUG, "cancel of {0} on {1} failed: {2}", ref, rt.id(), error.toString());
        }
      });
    }
    services.registry().release(jobId);
  }

  void doCancel() {
    if (status.isTerminal() || cancelRequested) {
      return;
    }
    cancelRequested = true;
    if (pendingRestart != null) { // between attempts: nothing runs
      pendingRestart.cancel();
      endWith(JobStatus.CANCELED);
      return;
    }
    if (slots == null) { // waiting for slots
      services.registry().cancelSlotRequest(jobId);
      endWith(JobStatus.CANCELED);
      return;
    }
    status = JobStatus.CANCELLING;
    AttemptTracker t = tracker;
    t.cancelling();
    changed();
    coordinator.stopPeriodic();
    coordinator.setTasksRunning(false);
    int number = attempt;
    JobRef ref = JobRef.newBuilder().setJobId(jobId).setAttempt(number).build();
    for (RuntimeInfo rt : slots.runtimes()) {
      slots.gateway(rt.id()).cancel(ref).whenCompleteAsync((ack, error) -> {
        if (error != null && number == attempt) { // gone: nothing of the job runs there any more
          t.lostWith(rt.id());
          checkCancelled();
        }
      }, executor);
    }
    cancelTimeout = executor.schedule(() -> {
      if (status == JobStatus.CANCELLING) {
        LOG.log(System.Logger.Level.WARNING, "job {0}: tasks did not report their cancellation within {1} ms",
            jobId, String.valueOf(services.cancelTimeoutMillis()));
        endWith(JobStatus.CANCELED);
      }
    }, services.cancelTimeoutMillis());
    checkCancelled();
  }

  private void checkCancelled() {
    if (status == JobStatus.CANCELLING && tracker.allTerminal()) {
      endWith(JobStatus.CANCELED);
    }
  }

  private void fail(String reason) {
    if (status.isTerminal()) {
      return;
    }
    failures.add(new FailureRecord(executor.now(), null, Failures.firstLine(reason), reason));
    endWith(JobStatus.FAILED);
  }

  private void endWith(JobStatus end) {
    if (status.isTerminal()) {
      return;
    }
    if (pendingRestart != null) {
      pendingRestart.cancel();
      pendingRestart = null;
    }
    cancelTimeout.cancel();
    coordinator.stopPeriodic();
    coordinator.setTasksRunning(false);
    AttemptTracker t = tracker;
    if (t != null) {
      t.settle();
    }
    if (slots != null) {
      services.registry().release(jobId);
    }
    endTime = executor.now();
    status = end;
    LOG.log(System.Logger.Level.INFO, "job {0} ({1}) {2}", jobId, graph.jobName(), end);
    changed();
    // the job has ended for whoever waits on it only once what it leaves behind is gone (its DURABLE topics)
    try {
      CompletableFuture.runAsync(() -> JobCleanup.deleteDurableTopics(graph, jobId), services.io())
          .whenComplete((ok, error) -> termination.complete(end));
    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
      termination.complete(end);
    }
  }

  // ------------------------------------------------------------------ helpers

  private String taskName(SubtaskId id) {
    JobVertex v = graph.vertex(id.vertexId());
    return v.name() + " (" + (id.subtaskIndex() + 1) + "/" + v.parallelism() + ")";
  }

  private void changed() {
    for (Runnable r : changeListeners) {
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "job change listener failed", e);
      }
    }
  }

}
