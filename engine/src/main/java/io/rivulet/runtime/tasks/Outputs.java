package io.rivulet.runtime.tasks;

import io.rivulet.api.functions.OutputTag;
import io.rivulet.runtime.operators.Output;

/** Outputs for special cases. */
final class Outputs {
  private Outputs() {}

  /** No consumers (a sink's output, or an operator whose results nobody reads). */
  static <T> Output<T> none() {
    return new Output<>() {
      @Override
      public void collect(T record, long timestamp) {}

      @Override
      public <X> void collect(OutputTag<X> tag, X record, long timestamp) {}

      @Override
      public void emitWatermark(long watermark) {}

      @Override
      public void emitIdle(boolean idle) {}
    };
  }
}
