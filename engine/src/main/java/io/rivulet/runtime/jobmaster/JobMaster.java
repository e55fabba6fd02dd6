package io.rivulet.runtime.jobmaster;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.proto.control.CheckpointAck;
import io.rivulet.proto.control.CheckpointDecline;
import io.rivulet.proto.control.TaskStateReport;
import io.rivulet.proto.control.TaskSummary;
import io.rivulet.runtime.checkpoint.CheckpointCoordinator;
import io.rivulet.runtime.checkpoint.CheckpointStorage;
import io.rivulet.runtime.checkpoint.CompletedCheckpoint;
import io.rivulet.runtime.cluster.RuntimeInfo;
import io.rivulet.runtime.concurrent.ControlExecutor;
import io.rivulet.runtime.metrics.ObservedJob;
import io.rivulet.runtime.rpc.TaskRuntimeGateway;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one job, in a cluster or embedded alike: requests slots, deploys every subtask to its runtime through that
 * runtime's {@link io.rivulet.runtime.rpc.TaskRuntimeGateway}, follows the subtasks' reports, coordinates
 * checkpoints, and on a failure (a task, a lost runtime, a refused deployment) cancels the attempt and deploys the
 * next one from the latest completed checkpoint, as the job's restart strategy allows.
 *
 * <p>This class is the job master's face: every command and every message from a runtime is posted to the job
 * master's own {@link ControlExecutor} and handled there by {@link JobExecution} (the state machine); the public
 * methods return at once, with a future where there is an answer. Remote calls return futures whose results come
 * back to that executor; nothing blocks, sleeps or polls. Every message from a runtime carries the attempt it
 * belongs to, and those of other attempts are ignored. What readers on other threads see ({@link #status()},
 * {@link #subtasks()} ...) is published in volatile fields.
 */
public final class JobMaster {
  private final JobExecution execution;
  private final ControlExecutor executor;
  private final CheckpointCoordinator coordinator;
  private final int slotsNeeded;
  private final long startTime;

  /**
   * @param restoreFrom the checkpoint or savepoint to start from, or null
   * @param checkpointDirectory the job's checkpoint directory (the job's own, else {@code <root>/<job id>})
   */
  public JobMaster(String jobId, JobGraph graph, JarLocation jar, JobMasterServices services,
      Path checkpointDirectory, CompletedCheckpoint restoreFrom) {
    this.executor = services.executors().apply(jobId);
    CheckpointStorage storage = new CheckpointStorage(checkpointDirectory);
    this.coordinator = new CheckpointCoordinator(jobId, graph, storage, 1, services.checkpointTimeoutMillis(),
        executor, services.io());
    this.coordinator.seed(restoreFrom);
    this.slotsNeeded = graph.vertices().stream().mapToInt(JobVertex::parallelism).max().orElse(1);
    this.execution = new JobExecution(jobId, graph, jar, services, executor, coordinator, storage.root().toString(),
        slotsNeeded);
    this.startTime = executor.now();
  }

  // ------------------------------------------------------------------ views (any thread)

  public String jobId() {
    return execution.jobId;
  }

  public JobGraph graph() {
    return execution.graph;
  }

  public JobStatus status() {
    return execution.status;
  }

  public int attempt() {
    return execution.attempt;
  }

  /** Restarts that happened (each asked the restart strategy and was allowed). */
  public int restarts() {
    return execution.restarts;
  }

  /** Attempts deployed with state from a checkpoint or savepoint (the start from a savepoint counts too). */
  public int restores() {
    return execution.restores;
  }

  public long startTime() {
    return startTime;
  }

  public long endTime() {
    return execution.endTime;
  }

  public int slotsNeeded() {
    return slotsNeeded;
  }

  public List<FailureRecord> failures() {
    return List.copyOf(execution.failures);
  }

  /** The subtasks of the current attempt (those of the last one once the job ended). */
  public List<SubtaskStatus> subtasks() {
    AttemptTracker t = execution.tracker;
    return t == null ? List.of() : t.subtasks();
  }

  /** Completed, aborted and in-progress counts and the latest checkpoint; listeners. */
  public CheckpointCoordinator coordinator() {
    return coordinator;
  }

  /** Completes with the final status, once the job's clean-up (its DURABLE topics) is done. */
  public CompletableFuture<JobStatus> termination() {
    return execution.termination;
  }

  /** Called on the control thread after every change of the job's status, attempt, restarts or failures. */
  public void onChange(Runnable listener) {
    execution.changeListeners.add(listener);
  }

  /** This job as metrics reporters see it. */
  public ObservedJob asObservedJob() {
    return new ObservedJobMaster(this);
  }

  /** The failure that ended the job (the last one recorded), as an exception; null if none. */
  public JobFailure failureCause() {
    List<FailureRecord> list = failures();
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
      execution.deployer.origin(submitted);
      coordinator.setTracer(execution.services.tracing().tracer(), Span.fromContext(submitted).getSpanContext());
      execution.scheduleAttempt(0);
    });
  }

  /** Cancels the job; returns at once. The job ends CANCELED once its tasks reported or the cancel timeout passed. */
  public void cancel() {
    executor.execute(execution::doCancel);
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
    executor.execute(() -> execution.taskState(report));
  }

  /** Heartbeat counters of this job's subtasks on one runtime. */
  public void onSummaries(List<TaskSummary> summaries) {
    executor.execute(() -> execution.summaries(summaries));
  }

  /** A runtime is gone (the registry's listener). */
  public void onRuntimeLost(RuntimeInfo runtime, String reason) {
    executor.execute(() -> execution.runtimeLost(runtime, reason));
  }

  public void acknowledge(CheckpointAck ack) {
    executor.execute(() -> execution.acknowledge(ack));
  }

  public void decline(CheckpointDecline decline) {
    executor.execute(() -> execution.decline(decline));
  }

  @Override
  public String toString() {
    return "job master of " + jobId() + " (" + graph().jobName() + ")";
  }
}
