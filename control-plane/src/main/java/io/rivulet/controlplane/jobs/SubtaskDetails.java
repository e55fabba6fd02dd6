package io.rivulet.controlplane.jobs;

import io.rivulet.runtime.jobmaster.SubtaskState;

/**
 * One parallel instance of a vertex.
 *
 * @param recordsIn records received over the network (chained operators are not counted)
 * @param recordsOut records sent over the network
 * @param backPressuredMillis total time the subtask waited for output credit
 * @param watermark the subtask's current watermark, {@link #NO_WATERMARK} while it has none or it is not reported
 * @param runtimeId the task runtime the subtask was deployed to ({@link #EMBEDDED} when the control plane runs it);
 *     kept in the job's record when it ends, so where a job ran stays known after its runtimes let go of it
 */
public record SubtaskDetails(int index, SubtaskState status, int attempt, long recordsIn, long recordsOut,
    long backPressuredMillis, long watermark, String runtimeId) {

  /** No watermark seen yet, or none reported by whatever runs the subtask. */
  public static final long NO_WATERMARK = Long.MIN_VALUE;

  /** The runtime id of subtasks that the control plane runs itself (embedded execution). */
  public static final String EMBEDDED = "embedded";
}
