package io.rivulet.runtime.checkpoint;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.runtime.concurrent.ControlExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * Triggers checkpoints at the sources, collects every subtask's acknowledgement, and completes a checkpoint by
 * writing its metadata and telling all subtasks (so that sinks commit). One checkpoint is in flight at a time; one
 * that is not acknowledged within the timeout, or that a subtask declines, is aborted.
 *
 * <p>A savepoint is a checkpoint with a flag and a target directory of its own (see {@link CheckpointFinalizer});
 * savepoints are not restore points of the running job and retention never deletes them. The coordinator keeps the
 * trigger and acknowledgement bookkeeping and composes the rest: {@link SavepointRequests} (one at a time, waiting
 * for a checkpoint in flight, stop-with-savepoint), {@link CheckpointFinalizer} (metadata written on the I/O
 * executor), {@link RetainedCheckpoints} (restore points and their deletion) and {@link CheckpointTracing}.
 *
 * <p>Owned by its job master: every method runs on the job master's {@link ControlExecutor} (no locks), and so do
 * the parts above. Metadata is written on {@code io} and the result handed back to that executor. Counters and the
 * latest checkpoint are published in volatile fields for readers on other threads.
 */
public final class CheckpointCoordinator {
  /** How the coordinator reaches the subtasks of the current attempt; calls must return at once. */
  public interface TaskGateway {
    void triggerCheckpoint(SubtaskId source, long checkpointId, long timestamp);

    /** Completed ({@code true}) or aborted; every subtask of the attempt is to be told. */
    void notifyCheckpoint(long checkpointId, boolean completed);
  }

  /** Told about completed and aborted checkpoints (metrics, the Web UI), on the coordinator's thread. */
  public interface Listener {
    void onCompleted(CompletedCheckpoint checkpoint, long durationMillis);

    default void onAborted(long checkpointId, String reason) {}
  }

  private final ControlExecutor executor;
  private final long timeoutMillis;
  private final List<SubtaskId> sources = new ArrayList<>();
  private final Set<SubtaskId> all = new HashSet<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final SavepointRequests savepoints = new SavepointRequests();
  private final CheckpointFinalizer finalizer;
  private final RetainedCheckpoints retained;
  private final CheckpointTracing tracing;

  // ---- coordinator thread only
  private TaskGateway gateway;
  private int attempt;
  private boolean tasksRunning;
  private long nextId = 1;
  private PendingCheckpoint pending;
  private ControlExecutor.Cancellable periodic = ControlExecutor.Cancellable.NONE;
  private long periodicInterval;

  // ---- published for readers on other threads
  private volatile long completedCount;
  private volatile long abortedCount;
  private volatile int inProgress;

  /**
   * @param executor the owning job master's control thread
   * @param io where metadata is written (blocking file I/O stays off the control thread)
   */
  public CheckpointCoordinator(String jobId, JobGraph graph, CheckpointStorage storage, int retained,
      long timeoutMillis, ControlExecutor executor, Executor io) {
    this.timeoutMillis = timeoutMillis;
    this.executor = executor;
    this.finalizer = new CheckpointFinalizer(jobId, graph, storage, io);
    this.retained = new RetainedCheckpoints(storage, io, retained);
    this.tracing = new CheckpointTracing(jobId, graph);
    for (JobVertex v : graph.vertices()) {
      for (int i = 0; i < v.parallelism(); i++) {
        SubtaskId id = new SubtaskId(v.id(), i);
        all.add(id);
        if (v.isSource()) {
          sources.add(id);
        }
      }
    }
  }

  /** Any thread. */
  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /**
   * Traces every checkpoint from now on: a span from trigger to completion (or abort), with an event per
   * acknowledgement. A periodic checkpoint starts its own trace, linked to {@code jobSpan}; one triggered while a
   * span is current (a savepoint requested over REST) joins that trace.
   */
  public void setTracer(Tracer tracer, SpanContext jobSpan) {
    tracing.use(tracer, jobSpan);
  }

  /** Starts a new attempt: a pending checkpoint of the old one is aborted; triggering waits for running tasks. */
  public void newAttempt(int attempt, TaskGateway gateway) {
    executor.assertInControlThread();
    this.tasksRunning = false;
    abortPending("job restarting (attempt " + attempt + ")");
    this.attempt = attempt;
    this.gateway = gateway;
  }

  /** Checkpoints are triggered only while every task of the attempt runs (none has ended its input). */
  public void setTasksRunning(boolean running) {
    executor.assertInControlThread();
    this.tasksRunning = running;
    if (!running) {
      abortPending("a task is no longer running");
    }
  }

  /** Triggers every {@code intervalMillis} (after the previous checkpoint was triggered) until stopped. */
  public void startPeriodic(long intervalMillis) {
    executor.assertInControlThread();
    stopPeriodic();
    periodicInterval = intervalMillis;
    schedulePeriodic();
  }

  private void schedulePeriodic() {
    periodic = executor.schedule(() -> {
      if (periodicInterval <= 0) {
        return;
      }
      triggerCheckpoint();
      schedulePeriodic();
    }, periodicInterval);
  }

  public void stopPeriodic() {
    periodicInterval = 0;
    periodic.cancel();
    periodic = ControlExecutor.Cancellable.NONE;
  }

  /**
   * Triggers a checkpoint; returns its future, completed exceptionally if it cannot be triggered or is aborted. While
   * one is in flight, or a savepoint waits, returns that one's future.
   */
  public CompletableFuture<CompletedCheckpoint> triggerCheckpoint() {
    executor.assertInControlThread();
    if (savepoints.stopping()) {
      return CompletableFuture.failedFuture(new IllegalStateException("the job is stopping with a savepoint"));
    }
    if (pending != null) {
      return pending.future;
    }
    CompletableFuture<CompletedCheckpoint> queued = savepoints.queuedFuture();
    if (queued != null) { // a savepoint waits for a slot: let it have the next one
      return queued;
    }
    return start(false, null, new CompletableFuture<>());
  }

  /**
   * Triggers a savepoint into a new directory {@code savepoint-<job id prefix>-<id>} under {@code target}. If a
   * periodic checkpoint is in flight the savepoint starts when it ends. With {@code stop}, no periodic checkpoint is
   * triggered any more (so none can commit output past the savepoint) unless the savepoint fails; stopping the job
   * once it completed is the caller's part.
   */
  public CompletableFuture<CompletedCheckpoint> triggerSavepoint(Path target, boolean stop) {
    executor.assertInControlThread();
    if (target == null) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("a savepoint needs a target directory"));
    }
    if (!tasksRunning || gateway == null) {
      return CompletableFuture.failedFuture(new IllegalStateException(
          "cannot take a savepoint now: not all tasks are running"));
    }
    String refusal = savepoints.refusal(pending != null && pending.savepoint);
    if (refusal != null) {
      return CompletableFuture.failedFuture(new IllegalStateException(refusal));
    }
    savepoints.accepted(stop); // with stop, periodic triggers now fail at once
    CompletableFuture<CompletedCheckpoint> future = new CompletableFuture<>();
    if (pending != null) {
      savepoints.enqueue(target, stop, future);
      publishInProgress();
      return future;
    }
    return start(true, target, future);
  }

  private CompletableFuture<CompletedCheckpoint> start(boolean savepoint, Path target,
      CompletableFuture<CompletedCheckpoint> future) {
    if (!tasksRunning || gateway == null) {
      future.completeExceptionally(new IllegalStateException("cannot checkpoint now: not all tasks are running"));
      return future;
    }
    long id = nextId++;
    long now = executor.now();
    PendingCheckpoint p = new PendingCheckpoint(id, now, savepoint, finalizer.directory(id, savepoint ? target : null),
        all, tracing.start(id, savepoint, attempt), future);
    pending = p;
    publishInProgress();
    executor.schedule(() -> {
      if (pending == p && !p.finalizing) {
        abortPending("not acknowledged within " + timeoutMillis + " ms by " + p.waiting.size() + " subtasks, e.g. "
            + p.waiting.stream().limit(3).toList());
      }
    }, timeoutMillis);
    TaskGateway tasks = gateway;
    CheckpointTracing.inSpan(p, () -> {
      for (SubtaskId s : sources) {
        tasks.triggerCheckpoint(s, id, now);
      }
    });
    return p.future;
  }

  /** After a checkpoint ended, a savepoint that waited for it starts. */
  private void startQueued() {
    if (pending != null) {
      return;
    }
    SavepointRequests.Queued q = savepoints.takeQueued();
    if (q != null) {
      start(true, q.target(), q.future());
    }
  }

  /** A subtask finished its part of a checkpoint; {@code attempt} filters out late acks of older attempts. */
  public void acknowledge(SubtaskId subtask, int attempt, long checkpointId, TaskStateSnapshot state) {
    executor.assertInControlThread();
    PendingCheckpoint p = pending;
    if (attempt != this.attempt || p == null || p.id != checkpointId || !p.acknowledge(subtask, state)) {
      return;
    }
    CheckpointTracing.acknowledged(p, subtask);
    if (p.waiting.isEmpty()) {
      finalizeCheckpoint(p);
    }
  }

  public void decline(SubtaskId subtask, int attempt, long checkpointId, String reason) {
    executor.assertInControlThread();
    if (attempt == this.attempt && pending != null && pending.id == checkpointId && !pending.finalizing) {
      abortPending("declined by subtask " + subtask + ": " + reason);
    }
  }

  /** Every subtask acknowledged: writes the metadata on the I/O executor, then completes here. */
  private void finalizeCheckpoint(PendingCheckpoint p) {
    p.finalizing = true;
    finalizer.write(p).whenCompleteAsync((written, error) -> {
      if (pending != p) {
        return; // aborted meanwhile (a restart): its files are left to the next retention
      }
      if (error != null) {
        failedToWrite(p, error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
      } else {
        completed(p, written);
      }
    }, executor);
  }

  private void completed(PendingCheckpoint p, CompletedCheckpoint checkpoint) {
    pending = null;
    long duration = executor.now() - p.startMillis;
    completedCount++;
    List<CompletedCheckpoint> pushedOut = p.savepoint ? List.of() : retained.add(checkpoint);
    TaskGateway tasks = gateway;
    CheckpointTracing.completed(p, checkpoint, () -> tasks.notifyCheckpoint(p.id, true));
    retained.discard(pushedOut);
    for (Listener l : listeners) {
      l.onCompleted(checkpoint, duration);
    }
    p.future.complete(checkpoint);
    startQueued();
    publishInProgress();
  }

  private void failedToWrite(PendingCheckpoint p, Throwable e) {
    pending = null;
    abortedCount++;
    if (p.savepoint) {
      savepoints.savepointFailed(); // a failed stop-with-savepoint: the job goes on, with its periodic checkpoints
      finalizer.discardFailedSavepoint(p);
    }
    String reason = "writing the " + p.kind() + " metadata failed: " + e.getMessage();
    for (Listener l : listeners) {
      l.onAborted(p.id, reason);
    }
    CheckpointTracing.failedToWrite(p, e, reason);
    p.future.completeExceptionally(new IOException(p.kind() + " " + p.id + " could not be written to " + p.directory
        + ": " + e, e));
    startQueued();
    publishInProgress();
  }

  private void abortPending(String reason) {
    if (!tasksRunning) { // a restart or the end of input: a waiting savepoint cannot be taken either
      savepoints.dropQueued(reason);
    }
    PendingCheckpoint p = pending;
    if (p == null) {
      publishInProgress();
      return;
    }
    pending = null;
    abortedCount++;
    TaskGateway tasks = gateway;
    CheckpointTracing.aborted(p, reason, () -> {
      if (tasks != null) {
        tasks.notifyCheckpoint(p.id, false);
      }
    });
    for (Listener l : listeners) {
      l.onAborted(p.id, reason);
    }
    p.future.completeExceptionally(new IllegalStateException(p.kind() + " " + p.id + " aborted: " + reason));
    if (p.savepoint) {
      savepoints.savepointFailed();
    }
    startQueued();
    publishInProgress();
  }

  private void publishInProgress() {
    inProgress = (pending != null ? 1 : 0) + savepoints.waiting();
  }

  /**
   * Seeds the coordinator with the checkpoint the job started from, so a restart before the first new checkpoint
   * restores it again (and new ids continue after it).
   */
  public void seed(CompletedCheckpoint restoredFrom) {
    if (retained.seed(restoredFrom)) {
      nextId = Math.max(nextId, restoredFrom.id() + 1);
    }
  }

  // ---------------------------------------------------------------- views (any thread)

  /** The latest completed checkpoint, or the one the job started from. */
  public Optional<CompletedCheckpoint> latest() {
    return Optional.ofNullable(retained.latest());
  }

  /** Checkpoints and savepoints triggered and not yet completed or aborted (and a savepoint waiting for a slot). */
  public int inProgress() {
    return inProgress;
  }

  public long completedCount() {
    return completedCount;
  }

  public long abortedCount() {
    return abortedCount;
  }
}
