package io.rivulet.runtime.tasks;

import io.rivulet.api.functions.OutputTag;
import io.rivulet.runtime.operators.Output;

/** Several consumers of one operator's main output (chained operators and/or other tasks). */
final class FanOutOutput<T> implements Output<T> {
  private final Output<T>[] targets;

  FanOutOutput(Output<T>[] targets) {
    this.targets = targets;
  }

  @Override
  public void collect(T record, long timestamp) {
    for (Output<T> t : targets) {
      t.collect(record, timestamp);
    }
  }

  @Override
  public <X> void collect(OutputTag<X> tag, X record, long timestamp) {
    // side outputs are routed by SideOutputRouter; nobody reads this one
  }

  @Override
  public void emitWatermark(long watermark) {
    for (Output<T> t : targets) {
      t.emitWatermark(watermark);
    }
  }

  @Override
  public void emitIdle(boolean idle) {
    for (Output<T> t : targets) {
      t.emitIdle(idle);
    }
  }
}
