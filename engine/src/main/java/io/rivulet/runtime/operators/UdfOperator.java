package io.rivulet.runtime.operators;

import io.rivulet.api.functions.UserFunction;

/** Base of operators that wrap one user function: opens and closes it with the operator. */
public abstract class UdfOperator<F extends UserFunction, OUT> extends AbstractOperator<OUT> {
  protected final F function;

  protected UdfOperator(F function) {
    this.function = function;
  }

  @Override
  public void open() throws Exception {
    function.open(context.runtimeContext());
  }

  @Override
  public void close() throws Exception {
    function.close();
  }
}
