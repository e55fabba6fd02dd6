package io.rivulet.runtime.operators;

import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.runtime.operators.windowing.WindowOperator;

/** Creates window operators; the window operator itself lives in the windowing package. */
final class WindowOperators {
  private WindowOperators() {}

  static StreamOperator<?> create(OperatorSpec.WindowOp spec) {
    return new WindowOperator<>(spec);
  }
}
