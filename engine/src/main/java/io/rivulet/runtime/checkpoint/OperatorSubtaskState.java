package io.rivulet.runtime.checkpoint;

import io.rivulet.runtime.state.KeyGroupsStateHandle;
import java.util.Map;

/**
 * The checkpointed state of one operator in one subtask.
 *
 * @param operatorState non-keyed state by name (restored to the same subtask index)
 * @param keyedState keyed state and timers, or null for a non-keyed operator
 */
public record OperatorSubtaskState(Map<String, byte[]> operatorState, KeyGroupsStateHandle keyedState) {

  public long sizeBytes() {
    long n = keyedState == null ? 0 : keyedState.data().size();
    for (byte[] b : operatorState.values()) {
      n += b.length;
    }
    return n;
  }
}
