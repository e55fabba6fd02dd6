package io.rivulet.runtime.state.heap;

import io.rivulet.api.state.ValueState;
import io.rivulet.runtime.state.CurrentKey;

/** Stores the value object itself: no copy on update or read. */
final class HeapValueState<K, N, V> extends AbstractHeapState<K, N, V> implements ValueState<V> {
  HeapValueState(CurrentKey<K> currentKey, StateTable<K, N, V> table) {
    super(currentKey, table);
  }

  @Override
  public V value() {
    return getValue();
  }

  @Override
  public void update(V value) {
    if (value == null) {
      removeValue();
    } else {
      putValue(value);
    }
  }
}
