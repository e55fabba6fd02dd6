package io.rivulet.runtime.operators;

import io.rivulet.api.functions.OutputTag;

/**
 * Where an operator emits: the next operator of the chain (a direct call) or the task's record writer.
 * Called only from the task thread. Emitting never blocks on a full network output for long: the task
 * checks output availability before it hands the operator more input.
 */
public interface Output<T> {
  /** A timestamp of {@link #NO_TIMESTAMP} means the record has none. */
  long NO_TIMESTAMP = Long.MIN_VALUE;

  void collect(T record, long timestamp);

  /** Emits to a side output; records of tags nobody consumes are dropped here. */
  <X> void collect(OutputTag<X> tag, X record, long timestamp);

  /** Forwards a watermark (already combined by the caller); must not be called with a decreasing value. */
  void emitWatermark(long watermark);

  /** Tells downstream that this output is idle (true) or active again (false). */
  void emitIdle(boolean idle);
}
