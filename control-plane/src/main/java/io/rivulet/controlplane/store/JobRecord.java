package io.rivulet.controlplane.store;

import io.rivulet.runtime.jobmaster.JobStatus;
import io.rivulet.controlplane.jobs.CheckpointStats;
import io.rivulet.controlplane.jobs.FailureInfo;
import io.rivulet.controlplane.jobs.JobOrigin;
import io.rivulet.controlplane.jobs.VertexDetails;
import java.util.ArrayList;
import java.util.List;

/**
 * What the control plane keeps about a job across restarts: identity, where it came from, and its last known
 * state. Immutable; every change makes a new record that the {@link JobStore} writes.
 *
 * @param endTime -1 while the job has not ended
 * @param failures oldest first, at most {@link #MAX_FAILURES} (the oldest are dropped)
 * @param failuresDropped true when older failures were dropped
 * @param vertices the last known vertices (written when the job ends)
 * @param checkpoints the last known checkpoint statistics (written when the job ends)
 * @param restarts restarts so far (0 in records written before it was kept)
 */
public record JobRecord(String id, String name, JobOrigin origin, long submittedAt, JobStatus state, long endTime,
    int maxParallelism, List<FailureInfo> failures, boolean failuresDropped, List<VertexDetails> vertices,
    CheckpointStats checkpoints, int restarts) {

  /** A job failing in a loop must not grow its file without bound. */
  public static final int MAX_FAILURES = 32;

  public JobRecord {
    failures = failures == null ? List.of() : List.copyOf(failures);
    vertices = vertices == null ? List.of() : List.copyOf(vertices);
    checkpoints = checkpoints == null ? CheckpointStats.NONE : checkpoints;
  }

  public static JobRecord created(String id, String name, JobOrigin origin, long submittedAt, int maxParallelism) {
    return new JobRecord(id, name, origin, submittedAt, JobStatus.CREATED, -1, maxParallelism, List.of(), false,
        List.of(), CheckpointStats.NONE, 0);
  }

  public JobRecord withState(JobStatus newState) {
    return new JobRecord(id, name, origin, submittedAt, newState, endTime, maxParallelism, failures, failuresDropped,
        vertices, checkpoints, restarts);
  }

  /** The job ended: its final state, when, and the last view of its vertices and checkpoints. */
  public JobRecord ended(JobStatus finalState, long at, List<VertexDetails> lastVertices, CheckpointStats lastCheckpoints) {
    return new JobRecord(id, name, origin, submittedAt, finalState, at, maxParallelism, failures, failuresDropped,
        lastVertices, lastCheckpoints, restarts);
  }

  public JobRecord withRestarts(int n) {
    return new JobRecord(id, name, origin, submittedAt, state, endTime, maxParallelism, failures, failuresDropped,
        vertices, checkpoints, n);
  }

  /** Adds failures not yet recorded (by timestamp and text), keeping at most {@link #MAX_FAILURES}. */
  public JobRecord withFailures(List<FailureInfo> more) {
    List<FailureInfo> all = new ArrayList<>(failures);
    for (FailureInfo f : more) {
      if (!all.contains(f)) {
        all.add(f);
      }
    }
    boolean dropped = failuresDropped;
    while (all.size() > MAX_FAILURES) {
      all.remove(0);
      dropped = true;
    }
    return new JobRecord(id, name, origin, submittedAt, state, endTime, maxParallelism, all, dropped, vertices,
        checkpoints, restarts);
  }
}
