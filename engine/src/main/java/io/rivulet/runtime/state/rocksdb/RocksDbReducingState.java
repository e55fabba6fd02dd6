package io.rivulet.runtime.state.rocksdb;

import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.Reducer;
import io.rivulet.api.state.ReducingState;
import io.rivulet.runtime.state.StateAccessException;
import io.rivulet.runtime.state.StateNulls;
import java.util.Collection;

/** Read-modify-write of the reduced value: the reduce function needs the old value anyway. */
final class RocksDbReducingState<K, N, T> extends AbstractRocksDbState<K, N, T> implements ReducingState<T> {
  private final Reducer<T> reduce;

  RocksDbReducingState(Column column, SerializedKey<K> key, TypeSerializer<N> namespaces,
      TypeSerializer<T> values, Reducer<T> reduce) {
    super(column, key, namespaces, values);
    this.reduce = reduce;
  }

  @Override
  public T get() {
    return readValue(key());
  }

  @Override
  public void add(T value) {
    StateNulls.require(value, "reducing state", column.name, "values");
    DataOutputSerializer key = key();
    T old = readValue(key);
    put(key, serialize(old == null ? value : reduce(old, value)));
  }

  @Override
  public void mergeNamespaces(N target, Collection<N> sources) {
    T merged = null;
    for (N source : sources) {
      if (source.equals(target)) {
        continue;
      }
      DataOutputSerializer sourceKey = keyFor(source);
      T v = readValue(sourceKey);
      if (v != null) {
        delete(sourceKey);
        merged = merged == null ? v : reduce(merged, v);
      }
    }
    if (merged != null) {
      DataOutputSerializer targetKey = keyFor(target);
      T existing = readValue(targetKey);
      put(targetKey, serialize(existing == null ? merged : reduce(existing, merged)));
    }
  }

  private T reduce(T a, T b) {
    try {
      return reduce.reduce(a, b);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new StateAccessException("reduce function of state '" + column.name + "' failed", e);
    }
  }
}
