package io.rivulet.testkit;

import io.rivulet.api.config.JobConfig;
import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.runtime.operators.OperatorFactory;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.KeyGroups;
import io.rivulet.runtime.state.StateBackendFactory;

/** The settings the harness builders collect; copied into each harness they build. */
final class HarnessSettings implements Cloneable {
  OperatorFactory<?> operatorFactory;
  /** Null for a non-keyed operator. */
  TypeSerializer<?> keyType;
  StateBackendKind stateBackend = StateBackendKind.HEAP;
  /** Overrides {@link #stateBackend} when set. */
  StateBackendFactory stateBackendFactory;
  int maxParallelism = JobConfig.DEFAULT_MAX_PARALLELISM;
  int subtaskIndex;
  int parallelism = 1;
  long processingTime;
  HarnessSnapshot restoreFrom;
  boolean adversarial;
  String operatorName = "operator-under-test";
  JobConfig jobConfig;

  /** The key groups of this subtask: all of them for the default parallelism 1. */
  KeyGroupRange keyGroups() {
    return KeyGroups.rangeForSubtask(subtaskIndex, maxParallelism, parallelism);
  }

  HarnessSettings copy() {
    try {
      return (HarnessSettings) clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError(e);
    }
  }

  void requireOperator() {
    if (operatorFactory == null) {
      throw new IllegalArgumentException("a harness needs an operator factory, e.g. () -> new MyOperator()");
    }
  }

  void subtask(int index, int parallelism) {
    if (parallelism < 1 || parallelism > maxParallelism || index < 0 || index >= parallelism) {
      throw new IllegalArgumentException("subtask " + index + " of " + parallelism + " is not valid with max"
          + " parallelism " + maxParallelism);
    }
    this.subtaskIndex = index;
    this.parallelism = parallelism;
  }
}
