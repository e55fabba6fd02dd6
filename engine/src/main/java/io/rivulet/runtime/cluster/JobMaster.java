package io.rivulet.runtime.cluster;

import com.google.protobuf.ByteString;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.CheckpointNotification;
import io.rivulet.proto.control.CheckpointTrigger;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.JobRef;
import io.rivulet.proto.control.TaskDeployment;
import io.rivulet.proto.control.TaskPlacement;
import io.rivulet.proto.control.TaskSummary;
import io.rivulet.runtime.checkpoint.CheckpointCoordinator;
import io.rivulet.runtime.checkpoint.CheckpointStorage;
import io.rivulet.runtime.checkpoint.CompletedCheckpoint;
import io.rivulet.runtime.checkpoint.StateAssignment;
import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.checkpoint.TaskRestore;
import io.rivulet.runtime.checkpoint.TaskStateSnapshot;
import io.rivulet.runtime.tasks.SerializedCopy;
import io.rivulet.runtime.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one job on the cluster: takes slots (waiting up to a timeout), deploys every subtask to its runtime,
 * follows subtask states, coordinates checkpoints over gRPC, and on a task failure or a lost runtime cancels
 * the attempt and deploys the next one from the latest completed checkpoint on the runtimes left, as the
 * job's restart strategy allows.
 *
 * <p>Thread-safe: gRPC threads report, the scheduler thread deploys; state changes happen under {@code this}.
 * Calls to runtimes are made outside the lock.
 */
public final class JobMaster implements CheckpointCoordinator.TaskGateway {
  private static final System.Logger LOG = System.getLogger(JobMaster.class.getName());

  private final String jobId;
  private final JobGraph graph;
  private final byte[] graphBytes;
  private final JarLocation jar;
  private final RuntimeRegistry runtimes;
  private final ScheduledExecutorService scheduler;
  private final CheckpointStorage storage;
  private final CheckpointCoordinator coordinator;
  private final long slotTimeoutMillis;
  private final int slotsNeeded;
  /** A vertex with the job's highest parallelism: it has a subtask in every slot. */
  private final int widestVertex;
  private final List<FailureRecord> failures = new CopyOnWriteArrayList<>();
  private final CompletableFuture<JobStatus> termination = new CompletableFuture<>();
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
  private final Tracer tracer;
  /** The trace context the job was submitted in (the REST request's span), parent of the first attempt's spans. */
  private volatile Context origin = Context.root();

  private static final AttributeKey<Long> SLOTS_NEEDED = AttributeKey.longKey("rivulet.slots.needed");
  private static final AttributeKey<String> RUNTIMES = AttributeKey.stringKey("rivulet.runtimes");

  // ---- guarded by this
  private JobStatus status = JobStatus.CREATED;
  private int attempt = -1;
  private SlotAssignment slots;
  private final Map<SubtaskId, SubtaskReport> subtasks = new LinkedHashMap<>();
  private long startTime = System.currentTimeMillis();
  private long endTime = -1;
  private boolean cancelRequested;
  private int restarts;
  /** Every runtime an attempt of this job was deployed to. */
  private final java.util.Set<String> hostedBy = new java.util.HashSet<>();

  public JobMaster(String jobId, JobGraph graph, JarLocation jar, RuntimeRegistry runtimes,
      ScheduledExecutorService scheduler, Path checkpointRoot, long slotTimeoutMillis,
      CompletedCheckpoint restoreFrom) {
    this.jobId = jobId;
    this.graph = graph;
    this.graphBytes = SerializedCopy.serialize(graph);
    this.jar = jar;
    this.runtimes = runtimes;
    this.scheduler = scheduler;
    this.storage = new CheckpointStorage(checkpointRoot.resolve(jobId));
    this.coordinator = new CheckpointCoordinator(jobId, graph, storage, 1, 10 * 60_000L);
    this.coordinator.seed(restoreFrom);
    this.slotTimeoutMillis = slotTimeoutMillis;
    this.slotsNeeded = graph.vertices().stream().mapToInt(JobVertex::parallelism).max().orElse(1);
    this.widestVertex = graph.vertices().stream().filter(v -> v.parallelism() == slotsNeeded).findFirst()
        .orElseThrow().id();
    this.tracer = runtimes.tracing().tracer();
  }

  public String jobId() {
    return jobId;
  }

  public JobGraph graph() {
    return graph;
  }

  public CheckpointCoordinator coordinator() {
    return coordinator;
  }

  public CompletableFuture<JobStatus> termination() {
    return termination;
  }

  /** Called after every state change (for persistence and the Web UI). */
  public void onChange(Runnable listener) {
    changeListeners.add(listener);
  }

  public synchronized JobStatus status() {
    return status;
  }

  public synchronized long startTime() {
    return startTime;
  }

  public synchronized long endTime() {
    return endTime;
  }

  public synchronized int restarts() {
    return restarts;
  }

  public synchronized int attempt() {
    return attempt;
  }

  public List<FailureRecord> failures() {
    return List.copyOf(failures);
  }

  public synchronized List<SubtaskReport> subtasks() {
    return new ArrayList<>(subtasks.values());
  }

  public int slotsNeeded() {
    return slotsNeeded;
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Schedules and deploys the first attempt in the background. The caller's trace context (the submission
   * request) becomes the parent of the scheduling spans, and every checkpoint's trace links to it.
   */
  public void start() {
    origin = Context.current();
    coordinator.setTracer(tracer, Span.fromContext(origin).getSpanContext());
    scheduler.execute(() -> deploy(0));
  }

  /**
   * One attempt, traced as "schedule job" (slot allocation, then the Deploy call to each runtime, which the runtimes
   * continue). The first attempt is a child of the submission; a restart starts a trace linked to it.
   */
  private void deploy(int number) {
    SpanBuilder builder = tracer.spanBuilder("schedule job").setAttribute(Tracing.JOB_ID, jobId)
        .setAttribute(Tracing.JOB_NAME, graph.jobName()).setAttribute(Tracing.ATTEMPT, (long) number)
        .setAttribute(SLOTS_NEEDED, (long) slotsNeeded);
    Context parent = origin;
    if (number == 0) {
      builder.setParent(parent);
    } else {
      builder.setNoParent();
      if (Span.fromContext(parent).getSpanContext().isValid()) {
        builder.addLink(Span.fromContext(parent).getSpanContext());
      }
    }
    Span span = builder.startSpan();
    try (Scope ignored = span.makeCurrent()) {
      deployAttempt(number);
    } catch (RuntimeException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.toString());
      throw e;
    } finally {
      span.end();
    }
  }

  /** Waits for slots (a child span "allocate slots"); null if the job failed or was cancelled meanwhile. */
  private SlotAssignment allocateSlots() {
    Span span = tracer.spanBuilder("allocate slots").setAttribute(SLOTS_NEEDED, (long) slotsNeeded).startSpan();
    try {
      long deadline = System.currentTimeMillis() + slotTimeoutMillis;
      SlotAssignment assignment;
      while ((assignment = runtimes.allocate(jobId, slotsNeeded).orElse(null)) == null) {
        if (System.currentTimeMillis() > deadline) {
          String reason = "not enough task slots: the job needs " + slotsNeeded + " (its highest parallelism), the"
              + " cluster has " + runtimes.freeSlots() + " free of " + runtimes.totalSlots() + " on "
              + runtimes.all().size() + " task runtimes after waiting " + slotTimeoutMillis / 1000 + " s; start more"
              + " task runtimes or lower the parallelism";
          span.setStatus(StatusCode.ERROR, reason);
          fail(reason);
          return null;
        }
        synchronized (this) {
          if (cancelRequested) {
            span.setStatus(StatusCode.ERROR, "cancelled while waiting for slots");
            finishCancel();
            return null;
          }
        }
        sleepQuietly(200);
      }
      span.setAttribute(RUNTIMES, String.join(",", assignment.slots().stream().map(RuntimeInfo::id).toList()));
      return assignment;
    } finally {
      span.end();
    }
  }

  private void deployAttempt(int number) {
    synchronized (this) {
      if (status.isTerminal() || cancelRequested) {
        return;
      }
      attempt = number;
    }
    SlotAssignment assignment = allocateSlots();
    if (assignment == null) {
      return;
    }
    Map<SubtaskId, TaskRestore> restore;
    try {
      restore = coordinator.latest().map(cp -> StateAssignment.assign(cp, graph)).orElse(Map.of());
    } catch (RuntimeException e) {
      runtimes.release(jobId);
      fail("cannot restore the job's state: " + e.getMessage());
      return;
    }
    Map<String, DeployRequest.Builder> requests = new LinkedHashMap<>();
    List<TaskPlacement> placements = new ArrayList<>();
    synchronized (this) {
      slots = assignment;
      assignment.slots().forEach(rt -> hostedBy.add(rt.id()));
      subtasks.clear();
      for (JobVertex v : graph.vertices()) {
        for (int i = 0; i < v.parallelism(); i++) {
          RuntimeInfo rt = assignment.runtimeForSubtask(i);
          placements.add(TaskPlacement.newBuilder().setVertexId(v.id()).setSubtask(i).setRuntimeId(rt.id())
              .setHost(rt.host()).setDataPort(rt.dataPort()).build());
          subtasks.put(new SubtaskId(v.id(), i), new SubtaskReport(v.id(), i, rt.id(), "DEPLOYING", 0, 0, 0, Long.MIN_VALUE));
          TaskRestore r = restore.get(new SubtaskId(v.id(), i));
          requests.computeIfAbsent(rt.id(), id -> DeployRequest.newBuilder().setJobId(jobId).setAttempt(number)
                  .setJarUrl(jar.url()).setJarSha256(jar.sha256()).setJobGraph(ByteString.copyFrom(graphBytes))
                  .setCheckpointDirectory(storage.root().toString()))
              .addTasks(TaskDeployment.newBuilder().setVertexId(v.id()).setSubtask(i)
                  .setRestore(r == null || r.operators().isEmpty() ? ByteString.EMPTY
                      : ByteString.copyFrom(SerializedCopy.serialize(r))));
        }
      }
      status = JobStatus.RUNNING;
    }
    coordinator.newAttempt(number, this);
    changed();
    for (Map.Entry<String, DeployRequest.Builder> e : requests.entrySet()) {
      DeployRequest request = e.getValue().addAllPlacements(placements).build();
      try {
        Ack ack = runtimes.get(e.getKey()).orElseThrow(() -> new IllegalStateException(
            "task runtime " + e.getKey() + " is gone")).stub().deploy(request);
        if (!ack.getOk()) {
          Span.current().setStatus(StatusCode.ERROR, "deployment refused by " + e.getKey());
          failover(null, "deployment to task runtime " + e.getKey() + " refused: " + ack.getMessage(), number);
          return;
        }
      } catch (RuntimeException ex) {
        if (ex instanceof io.grpc.StatusRuntimeException sre && sre.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE) {
          runtimes.reportUnreachable(e.getKey(), ex.getMessage());
        }
        Span.current().setStatus(StatusCode.ERROR, "deployment to " + e.getKey() + " failed");
        failover(null, "deployment to task runtime " + e.getKey() + " failed: " + ex.getMessage(), number);
        return;
      }
    }
    LOG.log(System.Logger.Level.INFO, "job {0} ({1}) attempt {2} deployed on {3}", jobId, graph.jobName(), String.valueOf(number),
        requests.keySet());
  }

  /** A runtime reported a subtask's state. */
  public void onTaskState(int attemptNumber, int vertexId, int subtask, String state, String failure) {
    boolean allRunning;
    boolean allFinished;
    SubtaskId id = new SubtaskId(vertexId, subtask);
    synchronized (this) {
      if (attemptNumber != attempt || status.isTerminal()) {
        return;
      }
      SubtaskReport old = subtasks.get(id);
      if (old == null) {
        return;
      }
      subtasks.put(id, new SubtaskReport(vertexId, subtask, old.runtimeId(), state, old.recordsIn(), old.recordsOut(),
          old.backPressuredNanos(), old.currentWatermark()));
      allRunning = subtasks.values().stream().allMatch(s -> s.state().equals("RUNNING"));
      allFinished = subtasks.values().stream().allMatch(s -> s.state().equals("FINISHED"));
    }
    changed();
    switch (state) {
      case "FAILED" -> failover(taskName(vertexId, subtask), failure, attemptNumber);
      case "RUNNING" -> {
        if (allRunning) {
          coordinator.setTasksRunning(true);
          long interval = graph.config().checkpointIntervalMillis();
          if (interval > 0) {
            coordinator.startPeriodic(scheduler, interval);
          }
        }
      }
      case "FINISHED" -> {
        coordinator.setTasksRunning(false);
        if (allFinished) {
          finish(attemptNumber);
        }
      }
      default -> { }
    }
  }

  /** Heartbeat counters of this job's subtasks on one runtime. */
  public void onSummaries(List<TaskSummary> summaries) {
    synchronized (this) {
      for (TaskSummary t : summaries) {
        if (!t.getJobId().equals(jobId) || t.getAttempt() != attempt) {
          continue;
        }
        SubtaskId id = new SubtaskId(t.getVertexId(), t.getSubtask());
        SubtaskReport old = subtasks.get(id);
        if (old != null) {
          subtasks.put(id, new SubtaskReport(old.vertexId(), old.subtaskIndex(), old.runtimeId(), old.state(),
              t.getRecordsIn(), t.getRecordsOut(), t.getBackPressuredNanos(), t.getCurrentWatermark()));
        }
      }
    }
  }

  /**
   * A runtime is gone. If the running attempt uses it, the attempt fails over. If an attempt that used it has already
   * been replaced (its tasks elsewhere failed first, e.g. on the broken data connections to it) or is being replaced,
   * the loss is only recorded: no second failover, but the job's exception history still names the runtime that went
   * away, whichever of the two noticed first.
   */
  public void onRuntimeLost(RuntimeInfo runtime) {
    String failure = "task runtime " + runtime.id() + " (" + runtime.host() + ":" + runtime.controlPort()
        + ") was lost";
    int current;
    synchronized (this) {
      if (status.isTerminal() || cancelRequested || !hostedBy.contains(runtime.id())) {
        return;
      }
      boolean runningOnIt = status == JobStatus.RUNNING && slots != null && slots.slots().contains(runtime);
      if (!runningOnIt) {
        failures.add(new FailureRecord(System.currentTimeMillis(), null, failure, failure));
        current = -1;
      } else {
        current = attempt;
      }
    }
    if (current < 0) {
      changed();
      return;
    }
    failover(null, failure, current);
  }

  private void failover(String task, String failure, int failedAttempt) {
    long delay;
    int next;
    Map<String, RuntimeInfo> used;
    synchronized (this) {
      if (failedAttempt != attempt || status.isTerminal() || status == JobStatus.RESTARTING) {
        return;
      }
      failures.add(new FailureRecord(System.currentTimeMillis(), task, firstLine(failure), failure));
      used = usedRuntimes();
      if (cancelRequested) {
        status = JobStatus.CANCELLING;
      } else {
        status = JobStatus.RESTARTING;
      }
    }
    coordinator.stopPeriodic();
    coordinator.setTasksRunning(false);
    cancelOn(used, failedAttempt);
    runtimes.release(jobId);
    synchronized (this) {
      if (cancelRequested) {
        finishCancel();
        return;
      }
      restarts++;
      next = failedAttempt + 1;
      if (!graph.config().restartStrategy().canRestart(next)) {
        endWith(JobStatus.FAILED);
        LOG.log(System.Logger.Level.WARNING, "job {0} failed for good ({1}): {2}", jobId,
            graph.config().restartStrategy(), firstLine(failure));
        return;
      }
      delay = graph.config().restartStrategy().delayMillis(next);
    }
    changed();
    LOG.log(System.Logger.Level.INFO, "job {0} restarting in {1} ms (attempt {2}) after: {3}", jobId, String.valueOf(delay), String.valueOf(next),
        firstLine(failure));
    scheduler.schedule(() -> deploy(next), delay, TimeUnit.MILLISECONDS);
  }

  private void finish(int finishedAttempt) {
    Map<String, RuntimeInfo> used;
    synchronized (this) {
      if (finishedAttempt != attempt || status.isTerminal()) {
        return;
      }
      used = usedRuntimes();
    }
    coordinator.stopPeriodic();
    JobRef ref = JobRef.newBuilder().setJobId(jobId).setAttempt(finishedAttempt).build();
    for (String runtimeId : used.keySet()) {
      runtimes.get(runtimeId).ifPresent(e -> {
        try {
          e.stub().notifyJobFinished(ref);
        } catch (RuntimeException ex) {
          LOG.log(System.Logger.Level.WARNING, "could not tell runtime {0} that job {1} finished: {2}", runtimeId,
              jobId, ex.toString());
        }
      });
    }
    runtimes.release(jobId);
    synchronized (this) {
      endWith(JobStatus.FINISHED);
    }
  }

  /** Cancels the job; returns at once. */
  public void cancel() {
    Map<String, RuntimeInfo> used;
    int current;
    synchronized (this) {
      if (status.isTerminal() || cancelRequested) {
        return;
      }
      cancelRequested = true;
      if (slots == null) {
        return; // still waiting for slots: the deploy loop ends it
      }
      status = JobStatus.CANCELLING;
      used = usedRuntimes();
      current = attempt;
    }
    changed();
    scheduler.execute(() -> {
      coordinator.stopPeriodic();
      coordinator.setTasksRunning(false);
      cancelOn(used, current);
      runtimes.release(jobId);
      synchronized (this) {
        finishCancel();
      }
    });
  }

  private void finishCancel() {
    if (!status.isTerminal()) {
      endWith(JobStatus.CANCELED);
    }
  }

  private void fail(String reason) {
    synchronized (this) {
      if (status.isTerminal()) {
        return;
      }
      failures.add(new FailureRecord(System.currentTimeMillis(), null, reason, reason));
      endWith(JobStatus.FAILED);
    }
  }

  /** Under this: the final state; notifies listeners outside. */
  private void endWith(JobStatus end) {
    status = end;
    endTime = System.currentTimeMillis();
    scheduler.execute(() -> {
      changed();
      termination.complete(end);
    });
  }

  private Map<String, RuntimeInfo> usedRuntimes() {
    Map<String, RuntimeInfo> used = new HashMap<>();
    if (slots != null) {
      for (RuntimeInfo r : slots.slots()) {
        used.put(r.id(), r);
      }
    }
    return used;
  }

  private void cancelOn(Map<String, RuntimeInfo> used, int attemptNumber) {
    JobRef ref = JobRef.newBuilder().setJobId(jobId).setAttempt(attemptNumber).build();
    for (String runtimeId : used.keySet()) {
      runtimes.get(runtimeId).ifPresent(e -> {
        try {
          e.stub().cancelJob(ref);
        } catch (RuntimeException ex) {
          LOG.log(System.Logger.Level.DEBUG, "cancel on {0} failed: {1}", runtimeId, ex.toString());
        }
      });
    }
  }

  private String taskName(int vertexId, int subtask) {
    JobVertex v = graph.vertex(vertexId);
    return v.name() + " (" + (subtask + 1) + "/" + v.parallelism() + ")";
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

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown failure";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------ checkpoints over gRPC

  public void acknowledge(int attemptNumber, int vertexId, int subtask, long checkpointId, byte[] state) {
    TaskStateSnapshot snapshot = state.length == 0 ? new TaskStateSnapshot(Map.of())
        : SerializedCopy.deserialize(state, JobMaster.class.getClassLoader());
    coordinator.acknowledge(new SubtaskId(vertexId, subtask), attemptNumber, checkpointId, snapshot);
  }

  public void decline(int attemptNumber, int vertexId, int subtask, long checkpointId, String reason) {
    coordinator.decline(new SubtaskId(vertexId, subtask), attemptNumber, checkpointId, reason);
  }

  /**
   * Triggers a savepoint into a new directory under {@code target}; with {@code stop}, no periodic checkpoint
   * follows it (the caller cancels the job once it completed).
   */
  public CompletableFuture<CompletedCheckpoint> triggerSavepoint(Path target, boolean stop) {
    return coordinator.triggerSavepoint(target, stop);
  }

  @Override
  public void triggerCheckpoint(SubtaskId source, long checkpointId, long timestamp) {
    RuntimeInfo rt;
    int current;
    synchronized (this) {
      if (slots == null) {
        return;
      }
      rt = slots.runtimeForSubtask(source.subtaskIndex());
      current = attempt;
    }
    runtimes.get(rt.id()).ifPresent(e -> {
      try {
        e.stub().triggerCheckpoint(CheckpointTrigger.newBuilder().setJobId(jobId).setAttempt(current)
            .setVertexId(source.vertexId()).setSubtask(source.subtaskIndex()).setCheckpointId(checkpointId)
            .setTimestamp(timestamp).build());
      } catch (RuntimeException ex) {
        coordinator.decline(source, current, checkpointId, "trigger failed: " + ex.getMessage());
      }
    });
  }

  @Override
  public void notifyCheckpointComplete(SubtaskId subtask, long checkpointId) {
    notifyRuntime(subtask, checkpointId, true);
  }

  @Override
  public void notifyCheckpointAborted(SubtaskId subtask, long checkpointId) {
    notifyRuntime(subtask, checkpointId, false);
  }

  /** One notification per runtime is enough (it notifies all its tasks of the attempt). */
  private void notifyRuntime(SubtaskId subtask, long checkpointId, boolean completed) {
    RuntimeInfo rt;
    int current;
    boolean first;
    synchronized (this) {
      if (slots == null) {
        return;
      }
      rt = slots.runtimeForSubtask(subtask.subtaskIndex());
      current = attempt;
      // notify each runtime once: for the subtask of the widest vertex that sits in the runtime's first slot
      first = widestVertex == subtask.vertexId() && slots.slots().indexOf(rt) == subtask.subtaskIndex();
    }
    if (!first) {
      return;
    }
    // the call leaves on the scheduler; it stays in the checkpoint's trace
    runtimes.get(rt.id()).ifPresent(e -> scheduler.execute(Context.current().wrap(() -> {
      try {
        e.stub().notifyCheckpoint(CheckpointNotification.newBuilder().setJobId(jobId).setAttempt(current)
            .setCheckpointId(checkpointId).setCompleted(completed).build());
      } catch (RuntimeException ex) {
        LOG.log(System.Logger.Level.DEBUG, "checkpoint notification to {0} failed: {1}", rt.id(), ex.toString());
      }
    })));
  }

  /** Reads a completed checkpoint or savepoint to start a job from. */
  public static CompletedCheckpoint loadCheckpoint(Path path, ClassLoader classLoader) throws IOException {
    return CheckpointStorage.load(path, classLoader);
  }
}
