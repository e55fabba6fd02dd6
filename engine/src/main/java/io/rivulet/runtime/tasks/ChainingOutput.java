package io.rivulet.runtime.tasks;

import io.rivulet.api.functions.OutputTag;
import io.rivulet.runtime.operators.OneInputOperator;
import io.rivulet.runtime.operators.Output;

/** Hands records to the next operator of the chain by a direct call: no copy, no queue. */
final class ChainingOutput<T> implements Output<T> {
  private final OneInputOperator<T, ?> next;
  private final ExceptionForwarder errors = ExceptionForwarder.INSTANCE;

  ChainingOutput(OneInputOperator<T, ?> next) {
    this.next = next;
  }

  @Override
  public void collect(T record, long timestamp) {
    try {
      next.processElement(record, timestamp);
    } catch (Exception e) {
      throw errors.wrap(e);
    }
  }

  @Override
  public <X> void collect(OutputTag<X> tag, X record, long timestamp) {
    // side outputs are routed by SideOutputRouter; nobody reads this one
  }

  @Override
  public void emitWatermark(long watermark) {
    try {
      next.processWatermark(watermark);
    } catch (Exception e) {
      throw errors.wrap(e);
    }
  }

  @Override
  public void emitIdle(boolean idle) {
    try {
      next.processIdle(idle);
    } catch (Exception e) {
      throw errors.wrap(e);
    }
  }
}
