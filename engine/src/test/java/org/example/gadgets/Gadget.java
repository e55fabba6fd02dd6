package org.example.gadgets;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;

/**
 * Stands for a "gadget": a serializable class on the class path, neither Rivulet's nor the job's, whose
 * deserialization does something (here: counts). A job graph that holds one must be refused before it is read.
 */
public final class Gadget implements Serializable, LongUnaryOperator {
  public static final AtomicInteger READ = new AtomicInteger();

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    READ.incrementAndGet();
  }

  @Override
  public long applyAsLong(long operand) {
    return operand;
  }
}
