package io.rivulet.kafka.impl;

import io.rivulet.api.connector.ReaderOutput;
import java.util.Collection;

/**
 * Combines the watermarks of a subtask's partitions: the subtask's watermark is the minimum over partitions
 * that are neither idle nor finished, and never goes back; when every unfinished partition is idle the subtask
 * is idle. Task thread only.
 */
final class SubtaskWatermarks {
  /** Highest watermark emitted so far. */
  private long emitted = Long.MIN_VALUE;
  /** Whether the subtask told downstream it is idle (and has not emitted since). */
  private boolean idle;

  /** Re-computes the combined watermark and emits what changed. */
  <T> void update(Collection<PartitionState<T>> partitions, ReaderOutput<T> output) {
    boolean anyActive = false;
    boolean anyUnfinished = false;
    long min = Long.MAX_VALUE;
    for (PartitionState<T> p : partitions) {
      if (p.finished()) {
        continue;
      }
      anyUnfinished = true;
      if (!p.idle) {
        anyActive = true;
        min = Math.min(min, p.watermark);
      }
    }
    if (!anyActive) {
      // no partition left at all (none assigned): idle too, so downstream does not wait for this subtask
      if (!idle && (anyUnfinished || partitions.isEmpty())) {
        idle = true;
        output.markIdle();
      }
      return;
    }
    if (idle || min > emitted) {
      // emitting makes the subtask active again, even when the watermark itself does not advance
      long w = Math.max(min, emitted);
      idle = false;
      emitted = w;
      output.emitWatermark(w);
    }
  }

  boolean idle() {
    return idle;
  }

  long emitted() {
    return emitted;
  }
}
