package io.rivulet.runtime.jobmaster;

import com.google.protobuf.ByteString;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.CheckpointAck;
import io.rivulet.proto.control.CheckpointDecline;
import io.rivulet.proto.control.CheckpointNotification;
import io.rivulet.proto.control.CheckpointTrigger;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.ExecutionState;
import io.rivulet.proto.control.JobRef;
import io.rivulet.proto.control.TaskStateReport;
import io.rivulet.proto.control.TaskSummary;
import io.rivulet.runtime.checkpoint.CheckpointCoordinator;
import io.rivulet.runtime.checkpoint.CheckpointStorage;
import io.rivulet.runtime.checkpoint.CompletedCheckpoint;
import io.rivulet.runtime.checkpoint.StateAssignment;
import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.checkpoint.TaskRestore;
import io.rivulet.runtime.checkpoint.TaskStateSnapshot;
import io.rivulet.runtime.cluster.RuntimeInfo;
import io.rivulet.runtime.cluster.SlotAssignment;
import io.rivulet.runtime.concurrent.ControlExecutor;
import io.rivulet.runtime.metrics.ObservedJob;
import io.rivulet.runtime.rpc.RuntimeUnreachableException;
import io.rivulet.runtime.rpc.TaskRuntimeGateway;
import io.rivulet.runtime.serialization.SerializedCopy;
import io.rivulet.runtime.tracing.Tracing;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs one job, in a cluster or embedded alike: requests slots, deploys every subtask to its runtime through that
 * runtime's {@link TaskRuntimeGateway}, follows the subtasks' reports, coordinates checkpoints, and on a failure
 * (a task, a lost runtime, a refused deployment) cancels the attempt and deploys the next one from the latest
 * completed checkpoint, as the job's restart strategy allows.
 *
 * <p>All state changes run on the job master's own {@link ControlExecutor}: the public methods only post there and
 * return (with a future where there is an answer). Remote calls return futures whose results come back to that
 * executor; nothing here blocks, sleeps or polls. Every message from a runtime carries the attempt it belongs to,
 * and those of other attempts are ignored. What readers on other threads see ({@link #status()},
 * {@link #subtasks()} ...) is published in volatile fields.
 */
public final class JobMaster {
  private static final System.Logger LOG = System.getLogger(JobMaster.class.getName());
  private static final AttributeKey<Long> SLOTS_NEEDED = AttributeKey.longKey("rivulet.slots.needed");
  private static final AttributeKey<String> RUNTIMES = AttributeKey.stringKey("rivulet.runtimes");

  private final String jobId;
  private final JobGraph graph;
  private final ByteString graphBytes;
  private final JarLocation jar;
  private final JobMasterServices services;
  private final ControlExecutor executor;
  private final CheckpointStorage storage;
  private final CheckpointCoordinator coordinator;
  private final int slotsNeeded;
  private final Tracer tracer;
  private final CompletableFuture<JobStatus> termination = new CompletableFuture<>();
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
  private final List<FailureRecord> failures = new CopyOnWriteArrayList<>();

  // ---- published: written on the control thread, read anywhere
  private volatile JobStatus status = JobStatus.CREATED;
  private volatile int attempt = -1;
  private volatile int restarts;
  private volatile int restores;
  private volatile long startTime;
  private volatile long endTime = -1;
  private volatile AttemptTracker tracker;

  // ---- control thread only
  /** The trace context the job was submitted in (the REST request's span), parent of the first attempt's spans. */
  private Context origin = Context.root();
  private SlotAssignment slots;
  /** Runtimes of the attempt that failed last: their loss during the restart is recorded, not acted on. */
  private Set<String> failedAttemptRuntimes = Set.of();
  private boolean cancelRequested;
  private ControlExecutor.Cancellable pendingRestart;
  private ControlExecutor.Cancellable cancelTimeout = ControlExecutor.Cancellable.NONE;
  /** "schedule job": from slot request to the last deployment answer of the attempt. */
  private Span attemptSpan = Span.getInvalid();
  private int deploymentsAnswered;

  /**
   * @param restoreFrom the checkpoint or savepoint to start from, or null
   * @param checkpointDirectory the job's checkpoint directory (the job's own, else {@code <root>/<job id>})
   */
  public JobMaster(String jobId, JobGraph graph, JarLocation jar, JobMasterServices services,
      Path checkpointDirectory, CompletedCheckpoint restoreFrom) {
    this.jobId = jobId;
    this.graph = graph;
    this.graphBytes = ByteString.copyFrom(SerializedCopy.serialize(graph));
    this.jar = jar;
    this.services = services;
    this.executor = services.executors().apply(jobId);
    this.storage = new CheckpointStorage(checkpointDirectory);
    this.coordinator = new CheckpointCoordinator(jobId, graph, storage, 1, services.checkpointTimeoutMillis(),
        executor, services.io());
    this.coordinator.seed(restoreFrom);
    this.slotsNeeded = graph.vertices().stream().mapToInt(JobVertex::parallelism).max().orElse(1);
    this.tracer = services.tracing().tracer();
    this.startTime = executor.now();
  }

  // ------------------------------------------------------------------ views (any thread)

  public String jobId() {
    return jobId;
  }

  public JobGraph graph() {
    return graph;
  }

  public JobStatus status() {
    return status;
  }

  public int attempt() {
    return attempt;
  }

  /** Restarts that happened (each asked the restart strategy and was allowed). */
  public int restarts() {
    return restarts;
  }

  /** Attempts deployed with state from a checkpoint or savepoint (the start from a savepoint counts too). */
  public int restores() {
    return restores;
  }

  public long startTime() {
    return startTime;
  }

  public long endTime() {
    return endTime;
  }

  public int slotsNeeded() {
    return slotsNeeded;
  }

  public List<FailureRecord> failures() {
    return List.copyOf(failures);
  }

  /** The subtasks of the current attempt (those of the last one once the job ended). */
  public List<SubtaskStatus> subtasks() {
    AttemptTracker t = tracker;
    return t == null ? List.of() : t.subtasks();
  }

  /** Completed, aborted and in-progress counts and the latest checkpoint; listeners. */
  public CheckpointCoordinator coordinator() {
    return coordinator;
  }

  /** Completes with the final status, once the job's clean-up (its DURABLE topics) is done. */
  public CompletableFuture<JobStatus> termination() {
    return termination;
  }

  /** Called on the control thread after every change of the job's status, attempt, restarts or failures. */
  public void onChange(Runnable listener) {
    changeListeners.add(listener);
  }

  /** This job as metrics reporters see it. */
  public ObservedJob asObservedJob() {
    JobMaster m = this;
    return new ObservedJob() {
      @Override
      public String jobId() {
        return jobId;
      }

      @Override
      public String jobName() {
        return graph.jobName();
      }

      @Override
      public void addCheckpointListener(CheckpointCoordinator.Listener listener) {
        coordinator.addListener(listener);
      }

      @Override
      public long completedCheckpoints() {
        return coordinator.completedCount();
      }

      @Override
      public long failedCheckpoints() {
        return coordinator.abortedCount();
      }

      @Override
      public int restarts() {
        return m.restarts;
      }
    };
  }

  /** The failure that ended the job (the last one recorded), as an exception; null if none. */
  public JobFailure failureCause() {
    List<FailureRecord> list = failures;
    if (list.isEmpty()) {
      return null;
    }
    FailureRecord last = list.get(list.size() - 1);
    return new JobFailure(last.message(), last.stacktrace());
  }

  // ------------------------------------------------------------------ commands (any thread)

  /**
   * Schedules and deploys the first attempt. The caller's trace context (the submission request) becomes the parent
   * of the scheduling spans, and every checkpoint's trace links to it.
   */
  public void start() {
    Context submitted = Context.current();
    executor.execute(() -> {
      origin = submitted;
      coordinator.setTracer(tracer, Span.fromContext(submitted).getSpanContext());
      scheduleAttempt(0);
    });
  }

  /** Cancels the job; returns at once. The job ends CANCELED once its tasks reported or the cancel timeout passed. */
  public void cancel() {
    executor.execute(this::doCancel);
  }

  /** Triggers a checkpoint now (outside the periodic schedule); fails if not every task runs. */
  public CompletableFuture<CompletedCheckpoint> triggerCheckpoint() {
    Context context = Context.current();
    return executor.call(() -> {
      try (Scope ignored = context.makeCurrent()) {
        return coordinator.triggerCheckpoint();
      }
    }).thenCompose(f -> f);
  }

  /**
   * Triggers a savepoint into a new directory under {@code target}; with {@code stop}, no periodic checkpoint follows
   * it (the caller cancels the job once it completed).
   */
  public CompletableFuture<CompletedCheckpoint> triggerSavepoint(Path target, boolean stop) {
    return requestSavepoint(target, stop).thenCompose(f -> f);
  }

  /**
   * {@link #triggerSavepoint} in two steps: the outer future completes as soon as the coordinator decided (on the
   * control thread, which never waits), with the savepoint's own future, already failed if the trigger was refused
   * (not all tasks running, another savepoint in progress). The REST layer tells a refusal (409) from a savepoint
   * that failed later this way.
   */
  public CompletableFuture<CompletableFuture<CompletedCheckpoint>> requestSavepoint(Path target, boolean stop) {
    Context context = Context.current();
    return executor.call(() -> {
      try (Scope ignored = context.makeCurrent()) {
        return coordinator.triggerSavepoint(target, stop);
      }
    });
  }

  // ------------------------------------------------------------------ messages from runtimes (any thread)

  /** A runtime reported a subtask's state. */
  public void onTaskState(TaskStateReport report) {
    executor.execute(() -> taskState(report));
  }

  /** Heartbeat counters of this job's subtasks on one runtime. */
  public void onSummaries(List<TaskSummary> summaries) {
    executor.execute(() -> {
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
    });
  }

  /** A runtime is gone (the registry's listener). */
  public void onRuntimeLost(RuntimeInfo runtime, String reason) {
    executor.execute(() -> runtimeLost(runtime, reason));
  }

  public void acknowledge(CheckpointAck ack) {
    executor.execute(() -> {
      TaskStateSnapshot snapshot = ack.getState().isEmpty() ? new TaskStateSnapshot(Map.of())
          : SerializedCopy.deserialize(ack.getState().toByteArray(), JobMaster.class.getClassLoader());
      coordinator.acknowledge(new SubtaskId(ack.getVertexId(), ack.getSubtask()), ack.getAttempt(),
          ack.getCheckpointId(), snapshot);
    });
  }

  public void decline(CheckpointDecline decline) {
    executor.execute(() -> coordinator.decline(new SubtaskId(decline.getVertexId(), decline.getSubtask()),
        decline.getAttempt(), decline.getCheckpointId(), decline.getReason()));
  }

  // ------------------------------------------------------------------ scheduling and deployment (control thread)

  private void scheduleAttempt(int number) {
    if (status.isTerminal() || cancelRequested) {
      return;
    }
    pendingRestart = null;
    attempt = number;
    slots = null;
    tracker = new AttemptTracker(number, graph, null);
    SpanBuilder builder = tracer.spanBuilder("schedule job").setAttribute(Tracing.JOB_ID, jobId)
        .setAttribute(Tracing.JOB_NAME, graph.jobName()).setAttribute(Tracing.ATTEMPT, (long) number)
        .setAttribute(SLOTS_NEEDED, (long) slotsNeeded);
    if (number == 0) {
      builder.setParent(origin);
    } else {
      builder.setNoParent();
      if (Span.fromContext(origin).getSpanContext().isValid()) {
        builder.addLink(Span.fromContext(origin).getSpanContext());
      }
    }
    attemptSpan = builder.startSpan();
    Span allocation;
    try (Scope ignored = attemptSpan.makeCurrent()) {
      allocation = tracer.spanBuilder("allocate slots").setAttribute(SLOTS_NEEDED, (long) slotsNeeded).startSpan();
    }
    changed();
    services.registry().requestSlots(jobId, slotsNeeded, services.slotTimeoutMillis())
        .whenCompleteAsync((assignment, error) -> {
          if (assignment != null) {
            allocation.setAttribute(RUNTIMES, String.join(",", assignment.slots().stream().map(RuntimeInfo::id)
                .toList()));
          } else if (error != null) {
            allocation.setStatus(StatusCode.ERROR, String.valueOf(unwrap(error).getMessage()));
          }
          allocation.end();
          slotsArrived(number, assignment, error);
        }, executor);
  }

  private void slotsArrived(int number, SlotAssignment assignment, Throwable error) {
    if (number != attempt || status.isTerminal() || cancelRequested) {
      if (assignment != null) {
        services.registry().release(jobId);
      }
      if (cancelRequested && !status.isTerminal()) {
        endWith(JobStatus.CANCELED);
      }
      return;
    }
    if (error != null) {
      Throwable cause = unwrap(error);
      if (!(cause instanceof CancellationException)) {
        attemptSpan.setStatus(StatusCode.ERROR, String.valueOf(cause.getMessage()));
        attemptSpan.end();
        fail(String.valueOf(cause.getMessage()));
      }
      return;
    }
    deploy(number, assignment);
  }

  private void deploy(int number, SlotAssignment assignment) {
    slots = assignment;
    Map<SubtaskId, TaskRestore> restore;
    try {
      restore = coordinator.latest().map(cp -> StateAssignment.assign(cp, graph)).orElse(Map.of());
    } catch (RuntimeException e) {
      attemptSpan.setStatus(StatusCode.ERROR, e.toString());
      attemptSpan.end();
      fail("cannot restore the job's state: " + e.getMessage());
      return;
    }
    if (!restore.isEmpty()) {
      restores++;
    }
    AttemptTracker t = new AttemptTracker(number, graph, assignment);
    t.deploying();
    tracker = t;
    Map<String, DeployRequest> requests = DeploymentPlan.build(jobId, number, graph, graphBytes, jar,
        storage.root().toString(), assignment, restore);
    status = JobStatus.RUNNING;
    deploymentsAnswered = 0;
    coordinator.newAttempt(number, checkpointGateway(number));
    changed();
    try (Scope ignored = attemptSpan.makeCurrent()) {
      for (Map.Entry<String, DeployRequest> e : requests.entrySet()) {
        String runtimeId = e.getKey();
        assignment.gateway(runtimeId).deploy(e.getValue()).whenCompleteAsync(
            (ack, error) -> deployAnswered(number, runtimeId, requests.size(), ack, error), executor);
      }
    }
  }

  private void deployAnswered(int number, String runtimeId, int requests, Ack ack, Throwable error) {
    if (number != attempt) {
      return;
    }
    if (error != null || !ack.getOk()) {
      Throwable cause = error == null ? null : unwrap(error);
      attemptSpan.setStatus(StatusCode.ERROR, "deployment to " + runtimeId + " failed");
      if (cause instanceof RuntimeUnreachableException) {
        // the runtime is gone, not the job at fault: drop it and deploy again elsewhere, without using up a restart
        services.registry().reportUnreachable(runtimeId, cause.getMessage());
        failover(number, null, "deployment to task runtime " + runtimeId + " failed: " + cause.getMessage(), false);
      } else {
        failover(number, null, "deployment to task runtime " + runtimeId + (error == null ? " refused: "
            + ack.getMessage() : " failed: " + cause), true);
      }
      return;
    }
    if (++deploymentsAnswered == requests) {
      attemptSpan.end();
      LOG.log(System.Logger.Level.INFO, "job {0} ({1}) attempt {2} deployed on {3}", jobId, graph.jobName(),
          String.valueOf(number), slots.runtimes().stream().map(RuntimeInfo::id).toList());
    }
  }

  // ------------------------------------------------------------------ reports (control thread)

  private void taskState(TaskStateReport report) {
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
              + (error != null ? unwrap(error) : ack.getMessage()), true);
        }
      }, executor);
    }
  }

  private void runtimeLost(RuntimeInfo runtime, String reason) {
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
    failures.add(new FailureRecord(executor.now(), task, firstLine(failure), failure));
    failedAttemptRuntimes = new HashSet<>(slots.runtimes().stream().map(RuntimeInfo::id).toList());
    stopAttempt(number);
    long delay = 0;
    if (counted) {
      if (!graph.config().restartStrategy().canRestart(restarts + 1)) {
        LOG.log(System.Logger.Level.WARNING, "job {0} failed for good ({1}): {2}", jobId,
            graph.config().restartStrategy(), firstLine(failure));
        endWith(JobStatus.FAILED);
        return;
      }
      restarts++;
      delay = graph.config().restartStrategy().delayMillis(restarts);
    }
    status = JobStatus.RESTARTING;
    changed();
    LOG.log(System.Logger.Level.INFO, "job {0} restarting in {1} ms (attempt {2}) after: {3}", jobId,
        String.valueOf(delay), String.valueOf(number + 1), firstLine(failure));
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

  private void doCancel() {
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
    failures.add(new FailureRecord(executor.now(), null, firstLine(reason), reason));
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

  // ------------------------------------------------------------------ checkpoints over the gateways

  /** How the coordinator reaches the tasks of attempt {@code number}. */
  private CheckpointCoordinator.TaskGateway checkpointGateway(int number) {
    return new CheckpointCoordinator.TaskGateway() {
      @Override
      public void triggerCheckpoint(SubtaskId source, long checkpointId, long timestamp) {
        RuntimeInfo rt = slots.runtimeForSubtask(source.subtaskIndex());
        slots.gateway(rt.id()).triggerCheckpoint(CheckpointTrigger.newBuilder().setJobId(jobId).setAttempt(number)
                .setVertexId(source.vertexId()).setSubtask(source.subtaskIndex()).setCheckpointId(checkpointId)
                .setTimestamp(timestamp).build())
            .whenCompleteAsync((ack, error) -> {
              if (error != null || !ack.getOk()) {
                coordinator.decline(source, number, checkpointId, "trigger failed: "
                    + (error != null ? unwrap(error) : ack.getMessage()));
              }
            }, executor);
      }

      /** One notification per runtime: it tells all its tasks of the attempt. */
      @Override
      public void notifyCheckpoint(long checkpointId, boolean completed) {
        if (slots == null || number != attempt) {
          return;
        }
        CheckpointNotification n = CheckpointNotification.newBuilder().setJobId(jobId).setAttempt(number)
            .setCheckpointId(checkpointId).setCompleted(completed).build();
        for (RuntimeInfo rt : slots.runtimes()) {
          slots.gateway(rt.id()).notifyCheckpoint(n).whenComplete((ack, error) -> {
            if (error != null) {
              LOG.log(System.Logger.Level.DEBUG, "checkpoint notification to {0} failed: {1}", rt.id(),
                  error.toString());
            }
          });
        }
      }
    };
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

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  static String firstLine(String s) {
    if (s == null || s.isEmpty()) {
      return "unknown failure";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  @Override
  public String toString() {
    return "job master of " + jobId + " (" + graph.jobName() + ")";
  }
}
