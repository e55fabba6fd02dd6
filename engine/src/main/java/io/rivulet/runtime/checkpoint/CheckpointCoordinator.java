package io.rivulet.runtime.checkpoint;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.api.graph.StreamNode;
import io.rivulet.runtime.concurrent.ControlExecutor;
import io.rivulet.runtime.tracing.Tracing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * Triggers checkpoints at the sources, collects every subtask's acknowledgement, and completes a checkpoint by
 * writing its metadata and telling all subtasks (so that sinks commit). One checkpoint is in flight at a time; one
 * that is not acknowledged within the timeout, or that a subtask declines, is aborted.
 *
 * <p>A savepoint is a checkpoint with a flag and a target directory of its own: tasks write it like any checkpoint
 * (into the job's {@code chk-<n>} staging directory, they cannot tell the difference), and on completion the state
 * files move into {@code <target>/savepoint-<job id prefix>-<n>/} with {@code _metadata} naming them relatively (a
 * self-contained directory). Savepoints are not restore points of the running job and retention never deletes them.
 * A savepoint requested while a periodic checkpoint is in flight waits for it and starts right after it.
 *
 * <p>Owned by its job master: every method runs on the job master's {@link ControlExecutor} (no locks). Metadata is
 * written on {@code io} and the result handed back to that executor. Counters and the latest checkpoint are published
 * in volatile fields for readers on other threads.
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

  private static final AttributeKey<Boolean> SAVEPOINT = AttributeKey.booleanKey("rivulet.checkpoint.savepoint");
  private static final AttributeKey<Long> SIZE = AttributeKey.longKey("rivulet.checkpoint.size_bytes");
  private static final AttributeKey<Long> PENDING = AttributeKey.longKey("rivulet.checkpoint.pending_subtasks");

  private final String jobId;
  private final JobGraph graph;
  private final CheckpointStorage storage;
  private final ControlExecutor executor;
  private final Executor io;
  private final List<SubtaskId> sources = new ArrayList<>();
  private final Set<SubtaskId> all = new HashSet<>();
  private final int retained;
  private final long timeoutMillis;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  // ---- coordinator thread only
  private TaskGateway gateway;
  private int attempt;
  private boolean tasksRunning;
  private long nextId = 1;
  private PendingCheckpoint pending;
  private final List<CompletedCheckpoint> completed = new ArrayList<>();
  private ControlExecutor.Cancellable periodic = ControlExecutor.Cancellable.NONE;
  private long periodicInterval;
  /** A savepoint requested while a periodic checkpoint was in flight; triggered when that one ends. */
  private QueuedSavepoint queued;
  /** Set by a stop-with-savepoint: no periodic checkpoint may commit output after the final savepoint. */
  private boolean stopping;
  private long seededId = -1;
  /** Traces each checkpoint from trigger to completion (a no-op unless a service set one). */
  private Tracer tracer = TracerProvider.noop().get(Tracing.SCOPE);
  /** The span that started the job, linked from every checkpoint's trace. */
  private SpanContext jobSpan = SpanContext.getInvalid();

  // ---- published for readers on other threads
  private volatile long completedCount;
  private volatile long abortedCount;
  private volatile int inProgress;
  private volatile CompletedCheckpoint latest;

  private record QueuedSavepoint(Path target, boolean stop, CompletableFuture<CompletedCheckpoint> future) {}

  /**
   * @param executor the owning job master's control thread
   * @param io where metadata is written (blocking file I/O stays off the control thread)
   */
  public CheckpointCoordinator(String jobId, JobGraph graph, CheckpointStorage storage, int retained,
      long timeoutMillis, ControlExecutor executor, Executor io) {
    this.jobId = jobId;
    this.graph = graph;
    this.storage = storage;
    this.retained = Math.max(1, retained);
    this.timeoutMillis = timeoutMillis;
    this.executor = executor;
    this.io = io;
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
    this.tracer = tracer;
    this.jobSpan = jobSpan;
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
    if (stopping) {
      return CompletableFuture.failedFuture(new IllegalStateException("the job is stopping with a savepoint"));
    }
    if (pending != null) {
      return pending.future;
    }
    if (queued != null) { // a savepoint waits for a slot: let it have the next one
      return queued.future();
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
    if ((pending != null && pending.savepoint) || queued != null || stopping) {
      return CompletableFuture.failedFuture(new IllegalStateException(stopping
          ? "the job is stopping with a savepoint" : "another savepoint is in progress; try again when it ended"));
    }
    if (stop) {
      stopping = true; // periodic triggers now fail at once
    }
    CompletableFuture<CompletedCheckpoint> future = new CompletableFuture<>();
    if (pending != null) {
      queued = new QueuedSavepoint(target, stop, future);
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
    Context current = Context.current();
    SpanBuilder builder = tracer.spanBuilder(savepoint ? "savepoint" : "checkpoint")
        .setAttribute(Tracing.JOB_ID, jobId).setAttribute(Tracing.JOB_NAME, graph.jobName())
        .setAttribute(Tracing.ATTEMPT, (long) attempt).setAttribute(Tracing.CHECKPOINT_ID, id)
        .setAttribute(SAVEPOINT, savepoint);
    if (Span.fromContext(current).getSpanContext().isValid()) {
      builder.setParent(current);
    } else {
      builder.setNoParent();
    }
    if (jobSpan.isValid()) {
      builder.addLink(jobSpan);
    }
    Path directory = savepoint ? target.resolve(savepointDirectoryName(id)) : storage.checkpointDirectory(id);
    long now = executor.now();
    PendingCheckpoint p = new PendingCheckpoint(id, now, savepoint, directory, all, builder.startSpan(), future);
    pending = p;
    publishInProgress();
    executor.schedule(() -> {
      if (pending == p && !p.finalizing) {
        abortPending("not acknowledged within " + timeoutMillis + " ms by " + p.waiting.size() + " subtasks, e.g. "
            + p.waiting.stream().limit(3).toList());
      }
    }, timeoutMillis);
    try (Scope ignored = p.span.makeCurrent()) {
      for (SubtaskId s : sources) {
        gateway.triggerCheckpoint(s, id, now);
      }
    }
    return p.future;
  }

  /** The name of savepoint {@code id}'s directory under its target. */
  String savepointDirectoryName(long id) {
    return "savepoint-" + jobId.substring(0, Math.min(6, jobId.length())) + "-" + id;
  }

  /** After a checkpoint ended, a savepoint that waited for it starts. */
  private void startQueued() {
    QueuedSavepoint q = queued;
    if (q == null || pending != null) {
      return;
    }
    queued = null;
    start(true, q.target(), q.future());
  }

  /** A subtask finished its part of a checkpoint; {@code attempt} filters out late acks of older attempts. */
  public void acknowledge(SubtaskId subtask, int attempt, long checkpointId, TaskStateSnapshot state) {
    executor.assertInControlThread();
    PendingCheckpoint p = pending;
    if (attempt != this.attempt || p == null || p.id != checkpointId || p.finalizing || !p.waiting.remove(subtask)) {
      return;
    }
    p.acks.put(subtask, state);
    p.span.addEvent("acknowledged", Attributes.of(Tracing.VERTEX_ID, (long) subtask.vertexId(),
        Tracing.SUBTASK, (long) subtask.subtaskIndex(), PENDING, (long) p.waiting.size()));
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
    CompletedCheckpoint checkpoint = new CompletedCheckpoint(jobId, p.id, p.startMillis, p.directory.toString(),
        p.savepoint, Map.copyOf(operatorStates(p)));
    Path staging = storage.checkpointDirectory(p.id);
    CompletableFuture.supplyAsync(() -> {
      try {
        if (p.savepoint) {
          return storage.commitSavepoint(checkpoint, staging);
        }
        storage.commit(checkpoint);
        return checkpoint;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, io).whenCompleteAsync((written, error) -> {
      if (pending != p) {
        return; // aborted meanwhile (a restart): its files are left to the next retention
      }
      if (error != null) {
        failedToWrite(p, error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause() : error);
      } else {
        completed(p, written);
      }
    }, executor);
  }

  private Map<String, OperatorState> operatorStates(PendingCheckpoint p) {
    Map<String, Map<Integer, OperatorSubtaskState>> byUid = new HashMap<>();
    for (Map.Entry<SubtaskId, TaskStateSnapshot> e : p.acks.entrySet()) {
      for (Map.Entry<String, OperatorSubtaskState> op : e.getValue().operators().entrySet()) {
        byUid.computeIfAbsent(op.getKey(), k -> new HashMap<>()).put(e.getKey().subtaskIndex(), op.getValue());
      }
    }
    Map<String, OperatorState> operators = new HashMap<>();
    for (JobVertex v : graph.vertices()) {
      for (StreamNode n : v.operators()) {
        Map<Integer, OperatorSubtaskState> subtasks = byUid.get(n.uid());
        if (subtasks != null) {
          operators.put(n.uid(), new OperatorState(n.uid(), v.parallelism(), graph.config().maxParallelism(),
              Map.copyOf(subtasks)));
        }
      }
    }
    return operators;
  }

  private void completed(PendingCheckpoint p, CompletedCheckpoint checkpoint) {
    pending = null;
    p.span.setAttribute(SIZE, checkpoint.sizeBytes());
    long duration = executor.now() - p.startMillis;
    completedCount++;
    List<CompletedCheckpoint> discard = new ArrayList<>();
    if (!p.savepoint) {
      completed.add(checkpoint);
      latest = checkpoint;
      while (completed.size() > retained) {
        discard.add(completed.remove(0));
      }
    }
    try (Scope ignored = p.span.makeCurrent()) {
      gateway.notifyCheckpoint(p.id, true);
    } finally {
      p.span.end();
    }
    if (!discard.isEmpty()) {
      io.execute(() -> {
        for (CompletedCheckpoint old : discard) {
          // only checkpoints this job wrote; never the one it was started from
          if (old.id() != seededId && Path.of(old.directory()).equals(storage.checkpointDirectory(old.id()))) {
            storage.discard(old.id());
          }
        }
      });
    }
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
      stopping = false; // a failed stop-with-savepoint: the job goes on, with its periodic checkpoints
      io.execute(() -> {
        storage.discard(p.id);
        CheckpointStorage.deleteRecursively(p.directory);
      });
    }
    String reason = "writing the " + p.kind() + " metadata failed: " + e.getMessage();
    for (Listener l : listeners) {
      l.onAborted(p.id, reason);
    }
    p.span.recordException(e);
    p.span.setStatus(StatusCode.ERROR, reason);
    p.span.end();
    p.future.completeExceptionally(new IOException(p.kind() + " " + p.id + " could not be written to " + p.directory
        + ": " + e, e));
    startQueued();
    publishInProgress();
  }

  private void abortPending(String reason) {
    if (!tasksRunning) { // a restart or the end of input: a waiting savepoint cannot be taken either
      QueuedSavepoint q = queued;
      queued = null;
      if (q != null) {
        q.future().completeExceptionally(new IllegalStateException("savepoint not taken: " + reason));
        if (q.stop()) {
          stopping = false;
        }
      }
    }
    PendingCheckpoint p = pending;
    if (p == null) {
      publishInProgress();
      return;
    }
    pending = null;
    abortedCount++;
    p.span.setStatus(StatusCode.ERROR, "aborted: " + reason);
    try (Scope ignored = p.span.makeCurrent()) {
      if (gateway != null) {
        gateway.notifyCheckpoint(p.id, false);
      }
    } finally {
      p.span.end();
    }
    for (Listener l : listeners) {
      l.onAborted(p.id, reason);
    }
    p.future.completeExceptionally(new IllegalStateException(p.kind() + " " + p.id + " aborted: " + reason));
    if (p.savepoint) {
      stopping = false;
    }
    startQueued();
    publishInProgress();
  }

  private void publishInProgress() {
    inProgress = (pending != null ? 1 : 0) + (queued != null ? 1 : 0);
  }

  /**
   * Seeds the coordinator with the checkpoint the job started from, so a restart before the first new checkpoint
   * restores it again (and new ids continue after it).
   */
  public void seed(CompletedCheckpoint restoredFrom) {
    if (restoredFrom != null && completed.isEmpty()) {
      completed.add(restoredFrom);
      latest = restoredFrom;
      seededId = restoredFrom.id();
      nextId = Math.max(nextId, restoredFrom.id() + 1);
    }
  }

  // ---------------------------------------------------------------- views (any thread)

  /** The latest completed checkpoint, or the one the job started from. */
  public Optional<CompletedCheckpoint> latest() {
    return Optional.ofNullable(latest);
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
