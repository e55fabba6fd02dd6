package io.rivulet.testkit;

import io.rivulet.api.StateBackendKind;
import io.rivulet.runtime.state.StateBackendFactory;

/** The engine's state backend factories by kind. */
final class StateBackends {
  private StateBackends() {}

  static StateBackendFactory forKind(StateBackendKind kind) {
    throw new UnsupportedOperationException("no state backend implementation available yet for " + kind);
  }
}
