package io.rivulet.controlplane.jobs;

import io.rivulet.api.graph.JobVertex;
import io.rivulet.controlplane.store.JobRecord;
import io.rivulet.runtime.checkpoint.CheckpointCoordinator;
import io.rivulet.runtime.jobmaster.FailureRecord;
import io.rivulet.runtime.jobmaster.JobMaster;
import io.rivulet.runtime.jobmaster.JobStatus;
import io.rivulet.runtime.jobmaster.SubtaskStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * One job of the {@link DispatcherJobService}: its persisted record and, while this control plane runs it, its job
 * master; and the views REST shows of it, from the master while it runs and from the record once it ended (or when
 * it ended before a restart). The record is replaced only by the service's persistence thread.
 */
final class ManagedJob {
  final AtomicReference<JobRecord> record;
  final JobMaster master;
  final UserCode userCode;
  final CheckpointTracker checkpoints = new CheckpointTracker();
  /** Completed once the final record is written. */
  final CompletableFuture<Void> recorded = new CompletableFuture<>();

  ManagedJob(JobRecord record, JobMaster master, UserCode userCode) {
    this.record = new AtomicReference<>(record);
    this.master = master;
    this.userCode = userCode;
  }

  boolean live() {
    return master != null && !record.get().state().isTerminal();
  }

  /**
   * The master's status while the job runs; its end only once the ended record is written (the persistence thread
   * follows the master), so that whoever sees a job ended finds it ended on disk too.
   */
  JobStatus state() {
    JobRecord r = record.get();
    if (master == null || r.state().isTerminal()) {
      return r.state();
    }
    JobStatus s = master.status();
    return s.isTerminal() ? r.state() : s;
  }

  List<VertexDetails> vertices() {
    if (master == null) {
      return record.get().vertices();
    }
    Map<Integer, List<SubtaskStatus>> byVertex = master.subtasks().stream()
        .collect(Collectors.groupingBy(s -> s.id().vertexId()));
    int attempt = Math.max(0, master.attempt());
    List<VertexDetails> list = new ArrayList<>();
    for (JobVertex v : master.graph().vertices()) {
      List<SubtaskDetails> subtasks = new ArrayList<>();
      for (SubtaskStatus s : byVertex.getOrDefault(v.id(), List.of())) {
        subtasks.add(new SubtaskDetails(s.id().subtaskIndex(), s.state(), attempt, s.recordsIn(), s.recordsOut(),
            s.backPressuredNanos() / 1_000_000, s.currentWatermark(), s.runtimeId()));
      }
      subtasks.sort(Comparator.comparingInt(SubtaskDetails::index));
      list.add(new VertexDetails(String.valueOf(v.id()), v.name(), v.parallelism(), v.maxParallelism(), subtasks));
    }
    return list;
  }

  JobSummary summary() {
    JobRecord r = record.get();
    JobStatus state = state();
    long end = state.isTerminal() ? r.endTime() : -1;
    return new JobSummary(r.id(), r.name(), state, r.submittedAt(), end, VertexDetails.TaskCounts.of(vertices()));
  }

  CheckpointStats checkpointStats() {
    CheckpointCoordinator c = master.coordinator();
    String restoredFrom = record.get().origin() instanceof JobOrigin.Jar jar && jar.savepointPath() != null
        ? jar.savepointPath() : master.graph().config().restoreFrom();
    return new CheckpointStats(c.completedCount(), c.abortedCount(), c.inProgress(), master.restores(),
        checkpoints.latest(), restoredFrom, checkpoints.latestSavepoint(), checkpoints.history());
  }

  List<FailureInfo> failures() {
    List<FailureInfo> list = new ArrayList<>();
    for (FailureRecord f : master.failures()) {
      list.add(new FailureInfo(f.timestamp(), exceptionName(f), f.message(), f.stacktrace(), f.task()));
    }
    return list;
  }

  private static final java.util.regex.Pattern THROWABLE = java.util.regex.Pattern.compile(
      "([a-zA-Z_$][\\w$]*(?:\\.[a-zA-Z_$][\\w$]*)+)(?::.*)?");

  /**
   * The class of the exception a task failed with, as its stack trace's first line names it (the exception itself
   * stayed on the runtime: its class may exist only in the job's class loader there); for failures of the job as a
   * whole (a lost runtime, no slots) Rivulet's own name.
   */
  private static String exceptionName(FailureRecord f) {
    String first = f.stacktrace() == null ? "" : f.stacktrace().lines().findFirst().orElse("");
    java.util.regex.Matcher m = THROWABLE.matcher(first);
    return f.task() != null && m.matches() ? m.group(1) : "io.rivulet.JobFailure";
  }

}
