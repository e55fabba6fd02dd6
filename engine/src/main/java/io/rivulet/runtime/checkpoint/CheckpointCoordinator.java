package io.rivulet.runtime.checkpoint;

import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.api.graph.StreamNode;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Triggers checkpoints at the sources, collects every subtask's acknowledgement, and completes a checkpoint
 * by writing its metadata and telling all subtasks (so that sinks commit). One checkpoint is in flight at a
 * time; a checkpoint that is not acknowledged within the timeout, or that a subtask declines, is aborted.
 *
 * <p>A savepoint is a checkpoint with a flag and a target directory of its own: tasks write it like any checkpoint
 * (into the job's {@code chk-<n>} staging directory, they cannot tell the difference), and on completion the
 * coordinator moves its state files into {@code <target>/savepoint-<job id prefix>-<n>/}, writes {@code _metadata}
 * there with paths relative to that directory (so the directory is self-contained and can be moved), and removes the
 * staging directory. Savepoints are not restore points of the running job and retention never deletes them. A
 * savepoint requested while a periodic checkpoint is in flight waits for it and starts right after it.
 *
 * <p>Plain Java so that the embedded executor and the control plane share it; {@link TaskGateway} is how
 * it reaches the tasks (mailbox calls in one JVM, gRPC in a cluster). Thread-safe: all state is guarded by
 * {@code this}.
 */
public final class CheckpointCoordinator {
  /** How the coordinator reaches the subtasks of the current attempt. */
  public interface TaskGateway {
    void triggerCheckpoint(SubtaskId source, long checkpointId, long timestamp);

    void notifyCheckpointComplete(SubtaskId subtask, long checkpointId);

    void notifyCheckpointAborted(SubtaskId subtask, long checkpointId);
  }

  /** Told about completed checkpoints (metrics, the Web UI). */
  public interface Listener {
    void onCompleted(CompletedCheckpoint checkpoint, long durationMillis);

    default void onAborted(long checkpointId, String reason) {}
  }

  private final String jobId;
  private final JobGraph graph;
  private final CheckpointStorage storage;
  private final List<SubtaskId> sources = new ArrayList<>();
  private final Set<SubtaskId> all = new HashSet<>();
  private final int retained;
  private final long timeoutMillis;
  private final List<Listener> listeners = new ArrayList<>();

  private TaskGateway gateway;
  private int attempt;
  private boolean tasksRunning;
  private long nextId = 1;
  private Pending pending;
  private final List<CompletedCheckpoint> completed = new ArrayList<>();
  private ScheduledFuture<?> periodic;
  /** A savepoint requested while a periodic checkpoint was in flight; triggered when that one ends. */
  private QueuedSavepoint queued;
  /** Set by a stop-with-savepoint: no periodic checkpoint may commit output after the final savepoint. */
  private boolean stopping;
  private long completedCount;
  private long abortedCount;
  private long seededId = -1;
  /** Traces each checkpoint from trigger to completion (a no-op unless a service set one). */
  private Tracer tracer = TracerProvider.noop().get(Tracing.SCOPE);
  /** The span that started the job, linked from every checkpoint's trace. */
  private SpanContext jobSpan = SpanContext.getInvalid();

  private final class Pending {
    final long id;
    final long startMillis;
    final boolean savepoint;
    final Path directory;
    final Set<SubtaskId> waiting = new HashSet<>(all);
    final Map<SubtaskId, TaskStateSnapshot> acks = new HashMap<>();
    final CompletableFuture<CompletedCheckpoint> future;
    /** From trigger to completion or abort; acknowledgements are its events. */
    final Span span;

    Pending(long id, boolean savepoint, Path directory, Span span, CompletableFuture<CompletedCheckpoint> future) {
      this.future = future;
      this.id = id;
      this.startMillis = System.currentTimeMillis();
      this.savepoint = savepoint;
      this.directory = directory;
      this.span = span;
    }
  }

  private record QueuedSavepoint(Path target, boolean stop, CompletableFuture<CompletedCheckpoint> future) {}

  private static final AttributeKey<Boolean> SAVEPOINT = AttributeKey.booleanKey("rivulet.checkpoint.savepoint");
  private static final AttributeKey<Long> SIZE = AttributeKey.longKey("rivulet.checkpoint.size_bytes");
  private static final AttributeKey<Long> PENDING = AttributeKey.longKey("rivulet.checkpoint.pending_subtasks");

  public CheckpointCoordinator(String jobId, JobGraph graph, CheckpointStorage storage, int retained,
      long timeoutMillis) {
    this.jobId = jobId;
    this.graph = graph;
    this.storage = storage;
    this.retained = Math.max(1, retained);
    this.timeoutMillis = timeoutMillis;
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

  public synchronized void addListener(Listener listener) {
    listeners.add(listener);
  }

  /**
   * Traces every checkpoint from now on: a span from trigger to completion (or abort), with an event per
   * acknowledgement; the trigger and notification calls to the tasks run inside it. A periodic checkpoint starts
   * its own trace, linked to {@code jobSpan} (the span that started the job); one triggered while a span is
   * current (a savepoint requested over REST) joins that trace.
   */
  public synchronized void setTracer(Tracer tracer, SpanContext jobSpan) {
    this.tracer = tracer;
    this.jobSpan = jobSpan;
  }

  /** Starts a new attempt: pending checkpoints of the old one are aborted; triggering waits for running tasks. */
  public synchronized void newAttempt(int attempt, TaskGateway gateway) {
    this.tasksRunning = false;
    abortPending("job restarting (attempt " + attempt + ")");
    this.attempt = attempt;
    this.gateway = gateway;
  }

  /** Checkpoints are triggered only while every task of the attempt runs (none finished yet). */
  public synchronized void setTasksRunning(boolean running) {
    this.tasksRunning = running;
    if (!running) {
      abortPending("a task is no longer running");
    }
  }

  /** Triggers periodically with the job's interval. */
  public synchronized void startPeriodic(ScheduledExecutorService timer, long intervalMillis) {
    stopPeriodic();
    periodic = timer.scheduleWithFixedDelay(() -> {
      triggerCheckpoint();
      checkTimeout();
    }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  public synchronized void stopPeriodic() {
    if (periodic != null) {
      periodic.cancel(false);
      periodic = null;
    }
  }

  /**
   * Triggers a checkpoint (savepoints: {@link #triggerSavepoint}); returns its future, completed exceptionally if it
   * cannot be triggered or is aborted. While one is in flight, or a savepoint waits, returns that one's future.
   */
  public synchronized CompletableFuture<CompletedCheckpoint> triggerCheckpoint() {
    if (stopping) {
      return CompletableFuture.failedFuture(new IllegalStateException("the job is stopping with a savepoint"));
    }
    if (pending != null) {
      return pending.future;
    }
    if (queued != null) { // a savepoint waits for a slot: let it have the next one
      return queued.future;
    }
    return start(false, null, new CompletableFuture<>());
  }

  /**
   * Triggers a savepoint into a new directory {@code savepoint-<job id prefix>-<id>} under {@code target}. If a
   * periodic checkpoint is in flight the savepoint starts when it ends. With {@code stop}, no periodic checkpoint is
   * triggered any more (so none can commit output past the savepoint) unless the savepoint fails; stopping the job
   * once it completed is the caller's part.
   */
  public synchronized CompletableFuture<CompletedCheckpoint> triggerSavepoint(Path target, boolean stop) {
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
      stopping = true; // periodic triggers now fail at once, but still check the savepoint's timeout
    }
    CompletableFuture<CompletedCheckpoint> future = new CompletableFuture<>();
    if (pending != null) {
      queued = new QueuedSavepoint(target, stop, future);
      return future;
    }
    return start(true, target, future);
  }

  /** Under this: starts checkpoint {@code nextId} at the sources. */
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
    Pending p = new Pending(id, savepoint, directory, builder.startSpan(), future);
    pending = p;
    long now = System.currentTimeMillis();
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

  /** Under this: after a checkpoint ended, a savepoint that waited for it starts. */
  private void startQueued() {
    QueuedSavepoint q = queued;
    if (q == null || pending != null) {
      return;
    }
    queued = null;
    start(true, q.target(), q.future());
  }

  /** Under this: a stop-with-savepoint failed; the job goes on, with its periodic checkpoints. */
  private void resumeAfterFailedStop() {
    stopping = false;
  }

  /** True while a checkpoint or savepoint is triggered and not yet complete (or a savepoint waits for one). */
  public synchronized int inProgress() {
    return (pending != null ? 1 : 0) + (queued != null ? 1 : 0);
  }

  /** A subtask finished its part of a checkpoint; {@code attempt} filters out late acks of older attempts. */
  public void acknowledge(SubtaskId subtask, int attempt, long checkpointId, TaskStateSnapshot state) {
    Pending done;
    synchronized (this) {
      if (attempt != this.attempt || pending == null || pending.id != checkpointId || !pending.waiting.remove(subtask)) {
        return;
      }
      pending.acks.put(subtask, state);
      pending.span.addEvent("acknowledged", Attributes.of(Tracing.VERTEX_ID, (long) subtask.vertexId(),
          Tracing.SUBTASK, (long) subtask.subtaskIndex(), PENDING, (long) pending.waiting.size()));
      if (!pending.waiting.isEmpty()) {
        return;
      }
      done = pending;
      pending = null;
    }
    complete(done);
  }

  public synchronized void decline(SubtaskId subtask, int attempt, long checkpointId, String reason) {
    if (attempt == this.attempt && pending != null && pending.id == checkpointId) {
      abortPending("declined by subtask " + subtask + ": " + reason);
    }
  }

  private void complete(Pending p) {
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
    CompletedCheckpoint checkpoint = new CompletedCheckpoint(jobId, p.id, p.startMillis, p.directory.toString(),
        p.savepoint, Map.copyOf(operators));
    try {
      if (p.savepoint) {
        checkpoint = storage.commitSavepoint(checkpoint, storage.checkpointDirectory(p.id));
      } else {
        storage.commit(checkpoint);
      }
    } catch (IOException e) {
      List<Listener> ls;
      synchronized (this) {
        abortedCount++;
        if (p.savepoint) {
          resumeAfterFailedStop();
        }
        startQueued();
        ls = List.copyOf(listeners);
      }
      if (p.savepoint) {
        storage.discard(p.id);
        CheckpointStorage.deleteRecursively(p.directory);
      }
      for (Listener l : ls) {
        l.onAborted(p.id, "writing the checkpoint failed: " + e.getMessage());
      }
      p.span.recordException(e);
      p.span.setStatus(StatusCode.ERROR, "writing the checkpoint metadata failed: " + e.getMessage());
      p.span.end();
      p.future.completeExceptionally(new IOException((p.savepoint ? "savepoint " : "checkpoint ") + p.id
          + " could not be written to " + p.directory + ": " + e, e));
      return;
    }
    p.span.setAttribute(SIZE, checkpoint.sizeBytes());
    long duration = System.currentTimeMillis() - p.startMillis;
    List<CompletedCheckpoint> discard = new ArrayList<>();
    TaskGateway g;
    List<Listener> ls;
    synchronized (this) {
      completedCount++;
      if (!p.savepoint) {
        completed.add(checkpoint);
        while (completed.size() > retained) {
          discard.add(completed.remove(0));
        }
      }
      g = gateway;
      ls = List.copyOf(listeners);
      startQueued();
    }
    try (Scope ignored = p.span.makeCurrent()) {
      for (SubtaskId s : all) {
        g.notifyCheckpointComplete(s, p.id);
      }
    } finally {
      p.span.end();
    }
    for (CompletedCheckpoint old : discard) {
      // only checkpoints this job wrote; never the one it was started from
      if (old.id() != seededId && Path.of(old.directory()).equals(storage.checkpointDirectory(old.id()))) {
        storage.discard(old.id());
      }
    }
    for (Listener l : ls) {
      l.onCompleted(checkpoint, duration);
    }
    p.future.complete(checkpoint);
  }

  private synchronized void checkTimeout() {
    if (pending != null && System.currentTimeMillis() - pending.startMillis > timeoutMillis) {
      abortPending("not acknowledged within " + timeoutMillis + " ms by " + pending.waiting);
    }
  }

  private void abortPending(String reason) {
    if (pending == null) {
      return;
    }
    if (!tasksRunning) { // a restart or the end of input: a waiting savepoint cannot be taken either
      QueuedSavepoint q = queued;
      queued = null;
      if (q != null) {
        q.future().completeExceptionally(new IllegalStateException("savepoint not taken: " + reason));
        if (q.stop()) {
          resumeAfterFailedStop();
        }
      }
    }
    Pending p = pending;
    pending = null;
    abortedCount++;
    p.span.setStatus(StatusCode.ERROR, "aborted: " + reason);
    try (Scope ignored = p.span.makeCurrent()) {
      if (gateway != null) {
        for (SubtaskId s : all) {
          gateway.notifyCheckpointAborted(s, p.id);
        }
      }
    } finally {
      p.span.end();
    }
    for (Listener l : listeners) {
      l.onAborted(p.id, reason);
    }
    p.future.completeExceptionally(new IllegalStateException((p.savepoint ? "savepoint " : "checkpoint ") + p.id
        + " aborted: " + reason));
    if (p.savepoint) {
      resumeAfterFailedStop();
    }
    startQueued();
  }

  public synchronized Optional<CompletedCheckpoint> latest() {
    return completed.isEmpty() ? Optional.empty() : Optional.of(completed.get(completed.size() - 1));
  }

  /** Seeds the coordinator with the checkpoint the job started from, so a restart before the first new
   * checkpoint restores it again (and new ids continue after it). */
  public synchronized void seed(CompletedCheckpoint restoredFrom) {
    if (restoredFrom != null && completed.isEmpty()) {
      completed.add(restoredFrom);
      seededId = restoredFrom.id();
      nextId = Math.max(nextId, restoredFrom.id() + 1);
    }
  }

  public synchronized long completedCount() {
    return completedCount;
  }

  public synchronized long abortedCount() {
    return abortedCount;
  }
}
