package io.rivulet.controlplane.rest;

import io.rivulet.runtime.jobmaster.SubtaskState;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.rivulet.controlplane.jobs.CheckpointStats;
import io.rivulet.controlplane.jobs.FailureInfo;
import io.rivulet.controlplane.jobs.JobDetails;
import io.rivulet.controlplane.jobs.JobExceptions;
import io.rivulet.controlplane.jobs.JobOrigin;
import io.rivulet.controlplane.jobs.JobSummary;
import io.rivulet.controlplane.jobs.SubtaskDetails;
import io.rivulet.controlplane.jobs.VertexDetails;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shapes of the /v1/jobs resources, with the field names of Flink's REST API. */
public final class JobDtos {
  private JobDtos() {}

  public record JobIdWithStatus(String id, String status) {}

  public record JobIds(List<JobIdWithStatus> jobs) {
    static JobIds of(List<JobSummary> jobs) {
      return new JobIds(jobs.stream().map(j -> new JobIdWithStatus(j.id(), j.state().name())).toList());
    }
  }

  /** One job of GET /v1/jobs/overview. */
  @JsonPropertyOrder({"jid", "name", "state", "start-time", "end-time", "duration", "last-modification", "tasks"})
  public record JobOverview(String jid, String name, String state, @JsonProperty("start-time") long startTime,
      @JsonProperty("end-time") long endTime, long duration, @JsonProperty("last-modification") long lastModification,
      Map<String, Integer> tasks) {
    static JobOverview of(JobSummary s, long now) {
      Map<String, Integer> tasks = new LinkedHashMap<>();
      tasks.put("total", s.taskCounts().values().stream().mapToInt(Integer::intValue).sum());
      for (Map.Entry<SubtaskState, Integer> e : s.taskCounts().entrySet()) {
        tasks.put(e.getKey().name().toLowerCase(), e.getValue());
      }
      long modified = s.endTime() >= 0 ? s.endTime() : s.startTime();
      return new JobOverview(s.id(), s.name(), s.state().name(), s.startTime(), s.endTime(), s.durationMillis(now),
          modified, tasks);
    }
  }

  public record JobsOverview(List<JobOverview> jobs) {}

  /** GET /v1/jobs/{id}. */
  @JsonPropertyOrder({"jid", "name", "isStoppable", "state", "start-time", "end-time", "duration", "maxParallelism",
      "now", "restarts", "status-counts", "vertices", "origin"})
  public record Job(String jid, String name, boolean isStoppable, String state,
      @JsonProperty("start-time") long startTime, @JsonProperty("end-time") long endTime, long duration,
      int maxParallelism, long now, int restarts, @JsonProperty("status-counts") Map<SubtaskState, Integer> statusCounts,
      List<Vertex> vertices, JobOrigin origin) {
    static Job of(JobDetails d, long now) {
      JobSummary s = d.summary();
      return new Job(s.id(), s.name(), false, s.state().name(), s.startTime(), s.endTime(), s.durationMillis(now),
          d.maxParallelism(), now, d.restarts(), s.taskCounts(),
          d.vertices().stream().map(v -> Vertex.of(v, s, now)).toList(), d.origin());
    }
  }

  /** A vertex of a job; subtasks are included (Flink serves them under /vertices/{id}). */
  @JsonPropertyOrder({"id", "name", "maxParallelism", "parallelism", "status", "start-time", "end-time", "duration",
      "tasks", "metrics", "watermark", "subtasks"})
  public record Vertex(String id, String name, int maxParallelism, int parallelism, String status,
      @JsonProperty("start-time") long startTime, @JsonProperty("end-time") long endTime, long duration,
      Map<SubtaskState, Integer> tasks, Map<String, Object> metrics,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long watermark, List<Subtask> subtasks) {
    static Vertex of(VertexDetails v, JobSummary job, long now) {
      // subtasks of the embedded engine start with their job; a cluster would report its own times
      return new Vertex(v.id(), v.name(), v.maxParallelism(), v.parallelism(), v.status().name(), job.startTime(),
          job.endTime(), job.durationMillis(now), v.taskCounts(),
          ioMetrics(v.recordsIn(), v.recordsOut(), v.backPressuredMillis()), watermarkOrNull(v.watermark()),
          v.subtasks().stream().map(Subtask::of).toList());
    }
  }

  /**
   * Absent from the JSON while there is no watermark, and once the input ended (Long.MAX_VALUE says only that: it is
   * no event time). Neither extreme survives JavaScript's numbers either.
   */
  static Long watermarkOrNull(long watermark) {
    return watermark == SubtaskDetails.NO_WATERMARK || watermark == Long.MAX_VALUE ? null : watermark;
  }

  /**
   * A subtask; {@code taskmanager-id} (Flink's name for it) is the task runtime it was deployed to, absent only in
   * records written before it was kept.
   */
  @JsonPropertyOrder({"subtask", "status", "attempt", "taskmanager-id", "metrics"})
  public record Subtask(int subtask, String status, int attempt,
      @JsonProperty("taskmanager-id") @JsonInclude(JsonInclude.Include.NON_NULL) String taskmanagerId,
      Map<String, Object> metrics) {
    static Subtask of(SubtaskDetails s) {
      return new Subtask(s.index(), s.status().name(), s.attempt(), s.runtimeId(),
          ioMetrics(s.recordsIn(), s.recordsOut(), s.backPressuredMillis()));
    }
  }

  static Map<String, Object> ioMetrics(long in, long out, long backPressuredMillis) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("read-records", in);
    m.put("read-records-complete", true);
    m.put("write-records", out);
    m.put("write-records-complete", true);
    m.put("accumulated-backpressured-time", backPressuredMillis);
    return m;
  }

  /** GET /v1/jobs/{id}/exceptions. */
  @JsonPropertyOrder({"root-exception", "timestamp", "all-exceptions", "truncated", "exceptionHistory"})
  public record Exceptions(@JsonProperty("root-exception") String rootException, Long timestamp,
      @JsonProperty("all-exceptions") List<Object> allExceptions, boolean truncated,
      ExceptionHistory exceptionHistory) {
    static Exceptions of(JobExceptions e) {
      FailureInfo root = e.root();
      return new Exceptions(root == null ? null : root.stacktrace(), root == null ? null : root.timestamp(), List.of(),
          e.truncated(), new ExceptionHistory(e.history().stream().map(ExceptionEntry::of).toList(), e.truncated()));
    }
  }

  public record ExceptionHistory(List<ExceptionEntry> entries, boolean truncated) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ExceptionEntry(String exceptionName, String message, String stacktrace, long timestamp,
      String taskName, Map<String, String> failureLabels, List<Object> concurrentExceptions) {
    static ExceptionEntry of(FailureInfo f) {
      return new ExceptionEntry(f.exceptionName(), f.message(), f.stacktrace(), f.timestamp(), f.taskName(), Map.of(),
          List.of());
    }
  }

  /** GET /v1/jobs/{id}/checkpoints. */
  public record Checkpoints(Counts counts, Latest latest, List<CompletedCheckpoint> history) {
    static Checkpoints of(CheckpointStats s) {
      CompletedCheckpoint completed = s.latestCompleted() == null ? null : CompletedCheckpoint.of(s.latestCompleted());
      CompletedCheckpoint savepoint = s.latestSavepoint() == null ? null : CompletedCheckpoint.of(s.latestSavepoint());
      Restored restored = s.restoredFrom() == null ? null : new Restored(s.restoredFrom(), true);
      return new Checkpoints(new Counts(s.restored(), s.total(), s.inProgress(), s.completed(), s.failed()),
          new Latest(completed, savepoint, null, restored), s.history().stream().map(CompletedCheckpoint::of).toList());
    }
  }

  public record Counts(long restored, long total, @JsonProperty("in_progress") long inProgress, long completed,
      long failed) {}

  public record Latest(CompletedCheckpoint completed, CompletedCheckpoint savepoint, Object failed, Restored restored) {}

  @JsonPropertyOrder({"className", "id", "status", "is_savepoint", "trigger_timestamp", "latest_ack_timestamp",
      "state_size", "end_to_end_duration", "external_path"})
  public record CompletedCheckpoint(String className, long id, String status,
      @JsonProperty("is_savepoint") boolean savepoint, @JsonProperty("trigger_timestamp") long triggerTimestamp,
      @JsonProperty("latest_ack_timestamp") long latestAckTimestamp, @JsonProperty("state_size") long stateSize,
      @JsonProperty("end_to_end_duration") long endToEndDuration, @JsonProperty("external_path") String externalPath) {
    static CompletedCheckpoint of(CheckpointStats.CompletedCheckpointInfo c) {
      return new CompletedCheckpoint("completed", c.id(), "COMPLETED", c.savepoint(), c.triggerTimestamp(),
          c.triggerTimestamp() + c.durationMillis(), c.stateSize(), c.durationMillis(), c.externalPath());
    }
  }

  public record Restored(@JsonProperty("external_path") String externalPath,
      @JsonProperty("is_savepoint") boolean savepoint) {}

  /** POST /v1/jobs and POST /v1/jars/{id}/run. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Submitted(String jobid, String jobUrl) {}
}
