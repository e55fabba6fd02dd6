package io.rivulet.runtime.state.rocksdb;

import io.rivulet.api.serialization.DataInputDeserializer;
import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.ListState;
import io.rivulet.runtime.state.StateAccessException;
import io.rivulet.runtime.state.snapshot.StateValueEncoding;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The elements' bytes concatenated under one key. {@link #add} and {@link #addAll} use RocksDB's merge
 * operator (string-append with an empty delimiter) instead of read-modify-write: appending costs one write
 * whatever the list's length, where read-modify-write would make filling a window of n elements O(n²).
 * Reads pay for the merge instead, once per {@link #get}, which window operators call once per firing.
 */
final class RocksDbListState<K, N, T> extends AbstractRocksDbState<K, N, T> implements ListState<T> {
  RocksDbListState(Column column, SerializedKey<K> key, TypeSerializer<N> namespaces, TypeSerializer<T> values) {
    super(column, key, namespaces, values);
  }

  /** A new list of the deserialized elements; empty when nothing was added. */
  @Override
  public Iterable<T> get() {
    DataInputDeserializer bytes = read(key());
    if (bytes == null) {
      return List.of();
    }
    try {
      return StateValueEncoding.readList(bytes, valueSerializer);
    } catch (IOException e) {
      throw new StateAccessException("cannot deserialize list state '" + column.name + "'", e);
    }
  }

  @Override
  public void add(T value) {
    Objects.requireNonNull(value, () -> "list state '" + column.name + "' does not take null elements");
    DataOutputSerializer out = serialize(value);
    merge(key(), out.buffer(), out.length());
  }

  @Override
  public void addAll(List<T> values) {
    DataOutputSerializer out = serializeAll(values);
    if (out.length() > 0) {
      merge(key(), out.buffer(), out.length());
    }
  }

  @Override
  public void update(List<T> values) {
    if (values == null || values.isEmpty()) {
      clear();
      return;
    }
    put(key(), serializeAll(values));
  }

  private DataOutputSerializer serializeAll(List<T> values) {
    Objects.requireNonNull(values, () -> "list state '" + column.name + "': the list to add is null");
    DataOutputSerializer out = valueOut();
    try {
      for (int i = 0, n = values.size(); i < n; i++) {
        T v = Objects.requireNonNull(values.get(i),
            () -> "list state '" + column.name + "' does not take null elements");
        valueSerializer.serialize(v, out);
      }
    } catch (IOException e) {
      throw new StateAccessException("cannot serialize an element of list state '" + column.name + "'", e);
    }
    return out;
  }

  /** Moves the sources' bytes to the target with the merge operator; no element is deserialized. */
  @Override
  public void mergeNamespaces(N target, Collection<N> sources) {
    for (N source : sources) {
      if (source.equals(target)) {
        continue;
      }
      DataOutputSerializer sourceKey = keyFor(source);
      byte[] elements = readBytes(sourceKey);
      if (elements == null) {
        continue;
      }
      delete(sourceKey);
      merge(keyFor(target), elements, elements.length);
    }
  }
}
