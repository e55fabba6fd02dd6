package io.rivulet.controlplane.jobs;

import io.rivulet.runtime.jobmaster.SubtaskState;

/**
 * One parallel instance of a vertex.
 *
 * @param recordsIn records received over the network (chained operators are not counted)
 * @param recordsOut records sent over the network
 * @param backPressuredMillis total time the subtask waited for output credit
 * @param watermark the subtask's current watermark, {@link #NO_WATERMARK} while it has none or it is not reported
 */
public record SubtaskDetails(int index, SubtaskState status, int attempt, long recordsIn, long recordsOut,
    long backPressuredMillis, long watermark) {

  /** No watermark seen yet, or none reported by whatever runs the subtask. */
  public static final long NO_WATERMARK = Long.MIN_VALUE;

  /** A subtask whose watermark is not reported. */
  public SubtaskDetails(int index, SubtaskState status, int attempt, long recordsIn, long recordsOut,
      long backPressuredMillis) {
    this(index, status, attempt, recordsIn, recordsOut, backPressuredMillis, NO_WATERMARK);
  }
}
