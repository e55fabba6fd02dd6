package io.rivulet.runtime.operators;

import java.io.Serializable;

/**
 * Makes an operator instance per subtask; what {@code OperatorSpec.CustomOp} carries for operators that are
 * not plain user functions (engine built-ins, test operators).
 */
@FunctionalInterface
public interface OperatorFactory<OUT> extends Serializable {
  StreamOperator<OUT> create();
}
