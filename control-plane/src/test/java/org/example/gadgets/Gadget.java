package org.example.gadgets;

import java.io.Serializable;
import java.util.function.LongUnaryOperator;

/** Stands for a "gadget": a serializable class on the control plane's class path, neither Rivulet's nor a job's. */
public final class Gadget implements Serializable, LongUnaryOperator {
  @Override
  public long applyAsLong(long operand) {
    return operand;
  }
}
