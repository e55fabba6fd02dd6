package io.rivulet.controlplane.jobs.embedded;

import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.controlplane.jobs.CheckpointStats;
import io.rivulet.controlplane.jobs.CheckpointTracker;
import io.rivulet.controlplane.jobs.FailureInfo;
import io.rivulet.controlplane.jobs.JobDetails;
import io.rivulet.controlplane.jobs.JobExceptions;
import io.rivulet.controlplane.jobs.JobOrigin;
import io.rivulet.controlplane.jobs.JobState;
import io.rivulet.controlplane.jobs.JobSummary;
import io.rivulet.controlplane.jobs.SubtaskDetails;
import io.rivulet.controlplane.jobs.TaskState;
import io.rivulet.controlplane.jobs.UserCode;
import io.rivulet.controlplane.jobs.VertexDetails;
import io.rivulet.controlplane.store.JobRecord;
import io.rivulet.runtime.execution.LocalJobHandle;
import io.rivulet.runtime.execution.TaskFailure;
import io.rivulet.runtime.execution.TaskStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * One job of the embedded service: its persisted record plus, while it runs in this JVM, the engine's handle.
 * A job loaded from the store after a restart has no handle and answers from its record alone.
 *
 * <p>Thread-safety: {@link #record} is replaced under {@code this}; the handle and the tracker are thread-safe.
 */
final class EmbeddedJob {
  private final JobGraph graph;
  private final UserCode userCode;
  private final CheckpointTracker checkpoints = new CheckpointTracker();
  private volatile JobRecord record;
  private volatile LocalJobHandle handle;
  private volatile boolean cancelRequested;
  /** Completed once the final state is recorded and persisted; shutdown waits for it. */
  private final CompletableFuture<Void> recorded = new CompletableFuture<>();

  private EmbeddedJob(JobRecord record, JobGraph graph, UserCode userCode) {
    this.record = record;
    this.graph = graph;
    this.userCode = userCode;
  }

  static EmbeddedJob submitted(JobRecord record, JobGraph graph, UserCode userCode) {
    return new EmbeddedJob(record, graph, userCode);
  }

  static EmbeddedJob restored(JobRecord record) {
    return new EmbeddedJob(record, null, null);
  }

  String id() {
    return record.id();
  }

  JobRecord record() {
    return record;
  }

  synchronized void update(JobRecord newRecord) {
    this.record = newRecord;
  }

  CheckpointTracker checkpointTracker() {
    return checkpoints;
  }

  UserCode userCode() {
    return userCode;
  }

  JobGraph graph() {
    return graph;
  }

  void attach(LocalJobHandle h) {
    this.handle = h;
    h.addCheckpointListener(checkpoints);
  }

  LocalJobHandle handle() {
    return handle;
  }

  /** True while the engine still runs it in this JVM. */
  boolean isLive() {
    LocalJobHandle h = handle;
    return h != null && !h.result().isDone() && !record.state().isTerminal();
  }

  void requestCancel() {
    cancelRequested = true;
    LocalJobHandle h = handle;
    if (h != null) {
      h.cancel();
    }
  }

  /** Slots the job occupies: like Flink's slot sharing, one slot holds one subtask of every vertex. */
  int slots() {
    return graph == null ? 0 : graph.vertices().stream().mapToInt(JobVertex::parallelism).max().orElse(0);
  }

  JobState state() {
    JobRecord r = record;
    LocalJobHandle h = handle;
    if (r.state().isTerminal() || h == null) {
      return r.state();
    }
    if (cancelRequested) {
      return JobState.CANCELLING;
    }
    List<TaskStatus> tasks = h.tasks();
    if (tasks.isEmpty()) {
      return JobState.CREATED;
    }
    // a failed or cancelled task in a job that has not ended means the attempt is being replaced (or, on the
    // last allowed failure, that the job is about to be reported FAILED)
    boolean broken = tasks.stream().anyMatch(t -> t.state().equals("FAILED") || t.state().equals("CANCELED"));
    return broken ? JobState.RESTARTING : JobState.RUNNING;
  }

  List<VertexDetails> vertices() {
    LocalJobHandle h = handle;
    if (h == null || graph == null) {
      return record.vertices();
    }
    Map<Integer, List<TaskStatus>> byVertex = h.tasks().stream()
        .collect(Collectors.groupingBy(TaskStatus::vertexId));
    List<VertexDetails> vertices = new ArrayList<>();
    for (JobVertex v : graph.vertices()) {
      List<SubtaskDetails> subtasks = new ArrayList<>();
      for (TaskStatus t : byVertex.getOrDefault(v.id(), List.of())) {
        subtasks.add(new SubtaskDetails(t.subtaskIndex(), TaskState.ofEngine(t.state()), t.attempt(), t.recordsIn(),
            t.recordsOut(), t.backPressuredNanos() / 1_000_000, SubtaskDetails.NO_WATERMARK, SubtaskDetails.EMBEDDED));
      }
      vertices.add(new VertexDetails(String.valueOf(v.id()), v.name(), v.parallelism(), v.maxParallelism(), subtasks));
    }
    return vertices;
  }

  JobSummary summary() {
    JobRecord r = record;
    return new JobSummary(r.id(), r.name(), state(), r.submittedAt(), r.endTime(),
        VertexDetails.TaskCounts.of(vertices()));
  }

  JobDetails details() {
    JobRecord r = record;
    return new JobDetails(summary(), r.maxParallelism(), vertices(), r.origin());
  }

  /** The engine's failures so far, as records to persist. */
  List<FailureInfo> engineFailures() {
    LocalJobHandle h = handle;
    if (h == null) {
      return List.of();
    }
    List<FailureInfo> list = new ArrayList<>();
    for (TaskFailure f : h.failures()) {
      list.add(FailureInfo.of(f.timestampMillis(), f.error(), f.taskName()));
    }
    return list;
  }

  JobExceptions exceptions() {
    JobRecord r = record.withFailures(engineFailures());
    List<FailureInfo> newestFirst = new ArrayList<>(r.failures());
    Collections.reverse(newestFirst);
    return new JobExceptions(newestFirst.isEmpty() ? null : newestFirst.get(0), newestFirst, r.failuresDropped());
  }

  CheckpointStats checkpointStats() {
    LocalJobHandle h = handle;
    if (h == null) {
      return record.checkpoints();
    }
    String savepoint = record.origin() instanceof JobOrigin.Jar jar ? jar.savepointPath() : null;
    if (savepoint == null && graph != null) {
      savepoint = graph.config().restoreFrom();
    }
    long firstCompleted = checkpoints.firstCompletedAt();
    // restores: the start from a savepoint, plus every restart after a checkpoint had completed
    long restoredFromCheckpoints = firstCompleted < 0 ? 0
        : h.failures().stream().filter(f -> f.timestampMillis() >= firstCompleted).count();
    restoredFromCheckpoints = Math.min(restoredFromCheckpoints, h.restarts());
    long restored = (savepoint != null ? 1 : 0) + restoredFromCheckpoints;
    return new CheckpointStats(h.completedCheckpoints(), h.failedCheckpoints(), h.checkpointsInProgress(), restored,
        checkpoints.latest(), savepoint, checkpoints.latestSavepoint(), checkpoints.history());
  }

  /** The final state for how the engine's result ended. */
  static JobState finalState(Throwable error, boolean cancelRequested) {
    if (error == null) {
      return JobState.FINISHED;
    }
    Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return e instanceof CancellationException || cancelRequested ? JobState.CANCELED : JobState.FAILED;
  }

  CompletableFuture<Void> recorded() {
    return recorded;
  }

  boolean cancelRequested() {
    return cancelRequested;
  }
}
