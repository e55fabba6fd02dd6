package io.rivulet.runtime.operators;

import io.rivulet.runtime.state.KeyedStateSnapshot;
import java.util.Map;

/**
 * What an operator hands over at a checkpoint barrier.
 *
 * @param operatorState small non-keyed state by name (source positions, sink transactions), already
 *     serialized in the synchronous part; restored to the same subtask index
 * @param keyedState keyed state and timers, written later on an I/O thread; null for non-keyed operators
 */
public record OperatorSnapshot(Map<String, byte[]> operatorState, KeyedStateSnapshot keyedState) {
  public static final OperatorSnapshot EMPTY = new OperatorSnapshot(Map.of(), null);
}
