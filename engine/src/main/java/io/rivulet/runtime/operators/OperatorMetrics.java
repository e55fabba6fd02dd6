package io.rivulet.runtime.operators;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters an operator updates on the task thread and that metrics reporters read from other threads.
 * Kept here as plain counters so the engine does not depend on a metrics library; the task runtime binds
 * them to Micrometer.
 */
public final class OperatorMetrics {
  private final LongAdder lateRecordsDropped = new LongAdder();
  private final LongAdder recordsIn = new LongAdder();
  private final LongAdder recordsOut = new LongAdder();
  private final SourceMetrics source = new SourceMetrics();
  private volatile long currentWatermark = Long.MIN_VALUE;

  public LongAdder lateRecordsDropped() {
    return lateRecordsDropped;
  }

  public LongAdder recordsIn() {
    return recordsIn;
  }

  public LongAdder recordsOut() {
    return recordsOut;
  }

  /** What the reader of a source operator reports (its lag); unused by other operators. */
  public SourceMetrics source() {
    return source;
  }

  public long currentWatermark() {
    return currentWatermark;
  }

  public void setCurrentWatermark(long watermark) {
    this.currentWatermark = watermark;
  }
}
