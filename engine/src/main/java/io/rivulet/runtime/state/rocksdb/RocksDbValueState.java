package io.rivulet.runtime.state.rocksdb;

import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.ValueState;

/** The value's bytes under key group ‖ key ‖ namespace; null is stored as absence. */
final class RocksDbValueState<K, N, V> extends AbstractRocksDbState<K, N, V> implements ValueState<V> {
  RocksDbValueState(Column column, SerializedKey<K> key, TypeSerializer<N> namespaces, TypeSerializer<V> values) {
    super(column, key, namespaces, values);
  }

  @Override
  public V value() {
    return readValue(key());
  }

  @Override
  public void update(V value) {
    if (value == null) {
      clear();
    } else {
      put(key(), serialize(value));
    }
  }
}
