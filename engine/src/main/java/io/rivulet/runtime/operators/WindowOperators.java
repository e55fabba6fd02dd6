package io.rivulet.runtime.operators;

import io.rivulet.api.graph.OperatorSpec;

/** Creates window operators; the window operator itself lives in the windowing package. */
final class WindowOperators {
  private WindowOperators() {}

  static StreamOperator<?> create(OperatorSpec.WindowOp spec) {
    throw new UnsupportedOperationException("window operators are not built yet");
  }
}
