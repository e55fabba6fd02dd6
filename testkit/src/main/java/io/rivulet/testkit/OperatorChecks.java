package io.rivulet.testkit;

import io.rivulet.runtime.operators.OneInputOperator;
import io.rivulet.runtime.operators.StreamOperator;
import io.rivulet.runtime.operators.TwoInputOperator;

/** Fails early, with the operator's class in the message, when a harness gets the wrong kind of operator. */
final class OperatorChecks {
  private OperatorChecks() {}

  static void requireOneInput(HarnessDriver<?> driver) throws Exception {
    require(driver, OneInputOperator.class);
  }

  static void requireTwoInput(HarnessDriver<?> driver) throws Exception {
    require(driver, TwoInputOperator.class);
  }

  private static void require(HarnessDriver<?> driver, Class<?> kind) throws Exception {
    StreamOperator<?> op = driver.operator();
    if (!kind.isInstance(op)) {
      driver.close();
      throw new IllegalArgumentException(op.getClass().getName() + " is not a " + kind.getSimpleName()
          + ": use the harness for its kind of operator");
    }
  }
}
