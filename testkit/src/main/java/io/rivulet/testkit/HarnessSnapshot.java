package io.rivulet.testkit;

import io.rivulet.runtime.state.KeyGroupsStateHandle;
import java.io.Serializable;
import java.util.Map;

/**
 * What a harness snapshot holds: the operator's non-keyed state, its keyed state (written out, as a
 * checkpoint would, into an in-memory {@link KeyGroupsStateHandle}) and the processing time at the snapshot.
 * Opaque: pass it to a harness builder's {@code restoreFrom}.
 */
public final class HarnessSnapshot implements Serializable {
  private final long checkpointId;
  private final Map<String, byte[]> operatorState;
  private final KeyGroupsStateHandle keyedState;
  private final long processingTime;

  HarnessSnapshot(long checkpointId, Map<String, byte[]> operatorState, KeyGroupsStateHandle keyedState,
      long processingTime) {
    this.checkpointId = checkpointId;
    this.operatorState = Map.copyOf(operatorState);
    this.keyedState = keyedState;
    this.processingTime = processingTime;
  }

  public long checkpointId() {
    return checkpointId;
  }

  Map<String, byte[]> operatorState() {
    return operatorState;
  }

  /** The keyed state, or null for a non-keyed operator. */
  KeyGroupsStateHandle keyedState() {
    return keyedState;
  }

  long processingTime() {
    return processingTime;
  }

  /** Size of the keyed state in bytes (0 when not keyed); handy to see that state was cleaned up. */
  public long keyedStateSize() {
    return keyedState == null ? 0 : keyedState.data().size();
  }

  @Override
  public String toString() {
    return "HarnessSnapshot(checkpoint " + checkpointId + ", " + operatorState.size() + " operator states, "
        + keyedStateSize() + " bytes keyed state)";
  }
}
