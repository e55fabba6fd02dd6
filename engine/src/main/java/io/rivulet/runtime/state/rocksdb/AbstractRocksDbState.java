package io.rivulet.runtime.state.rocksdb;

import io.rivulet.api.serialization.DataInputDeserializer;
import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.State;
import io.rivulet.runtime.state.InternalKvState;
import io.rivulet.runtime.state.StateAccessException;
import java.io.IOException;
import java.util.Objects;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Access to one column family for the backend's current key and this object's namespace. Every state keeps
 * its own key, value and read buffers and reuses them, so an access allocates only what deserializing the
 * value needs. The key bytes (key group ‖ key ‖ namespace) are rebuilt only when the current key or the
 * namespace object changes. Used by the task thread only.
 */
abstract class AbstractRocksDbState<K, N, V> implements State, InternalKvState<N> {
  final Column column;
  final SerializedKey<K> serializedKey;
  final TypeSerializer<N> namespaceSerializer;
  final TypeSerializer<V> valueSerializer;
  /** Value bytes to write; filled by callers through {@link #valueOut()}. */
  private final DataOutputSerializer valueOut = new DataOutputSerializer(128);
  private final DataOutputSerializer keyOut = new DataOutputSerializer(64);
  private final DataOutputSerializer otherKeyOut = new DataOutputSerializer(64);
  private final DataInputDeserializer in = new DataInputDeserializer();
  private byte[] readBuffer = new byte[256];

  private N namespace;
  private N keyBuiltFor;
  private int keyBuiltForVersion = -1;

  AbstractRocksDbState(Column column, SerializedKey<K> serializedKey, TypeSerializer<N> namespaceSerializer,
      TypeSerializer<V> valueSerializer) {
    this.column = column;
    this.serializedKey = serializedKey;
    this.namespaceSerializer = namespaceSerializer;
    this.valueSerializer = valueSerializer;
  }

  @Override
  public final void setCurrentNamespace(N namespace) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
  }

  /** Key group ‖ key ‖ namespace of the current key and namespace; valid until the next call. */
  final DataOutputSerializer key() {
    int version = serializedKey.currentKey().version();
    N ns = namespace;
    if (version != keyBuiltForVersion || ns != keyBuiltFor) {
      if (ns == null) {
        throw new IllegalStateException("no namespace set on state '" + column.name + "'");
      }
      build(keyOut, ns);
      keyBuiltForVersion = version;
      keyBuiltFor = ns;
    }
    return keyOut;
  }

  /** Key group ‖ key ‖ {@code other}, in a second buffer (for merges); valid until the next call. */
  final DataOutputSerializer keyFor(N other) {
    build(otherKeyOut, other);
    return otherKeyOut;
  }

  private void build(DataOutputSerializer out, N ns) {
    out.clear();
    serializedKey.writeTo(out);
    try {
      namespaceSerializer.serialize(ns, out);
    } catch (IOException e) {
      throw new StateAccessException("cannot serialize namespace " + ns + " of state '" + column.name + "'", e);
    }
  }

  /** The cleared value buffer. */
  final DataOutputSerializer valueOut() {
    valueOut.clear();
    return valueOut;
  }

  final DataOutputSerializer serialize(V value) {
    DataOutputSerializer out = valueOut();
    try {
      valueSerializer.serialize(value, out);
    } catch (IOException e) {
      throw new StateAccessException("cannot serialize a value of state '" + column.name + "'", e);
    }
    return out;
  }

  /** The stored value bytes under {@code key}, or null; the input is reused by the next read. */
  final DataInputDeserializer read(DataOutputSerializer key) {
    try {
      byte[] buf = readBuffer;
      int n = column.db.get(column.handle, key.buffer(), 0, key.length(), buf, 0, buf.length);
      if (n == RocksDB.NOT_FOUND) {
        return null;
      }
      if (n > buf.length) {
        buf = readBuffer = new byte[Math.max(n, buf.length * 2)];
        n = column.db.get(column.handle, key.buffer(), 0, key.length(), buf, 0, buf.length);
        if (n == RocksDB.NOT_FOUND) {
          return null;
        }
      }
      in.setBuffer(buf, 0, n);
      return in;
    } catch (RocksDBException e) {
      throw failure("read", e);
    }
  }

  /** A copy of the stored value bytes under {@code key}, or null. */
  final byte[] readBytes(DataOutputSerializer key) {
    DataInputDeserializer bytes = read(key);
    return bytes == null ? null : java.util.Arrays.copyOf(readBuffer, bytes.available());
  }

  /** Reads and deserializes one value, or null. */
  final V readValue(DataOutputSerializer key) {
    DataInputDeserializer bytes = read(key);
    if (bytes == null) {
      return null;
    }
    try {
      return valueSerializer.deserialize(bytes);
    } catch (IOException e) {
      throw new StateAccessException("cannot deserialize a value of state '" + column.name + "'", e);
    }
  }

  final void put(DataOutputSerializer key, DataOutputSerializer value) {
    try {
      column.db.put(column.handle, column.writeOptions, key.buffer(), 0, key.length(), value.buffer(), 0,
          value.length());
    } catch (RocksDBException e) {
      throw failure("write", e);
    }
  }

  final void merge(DataOutputSerializer key, byte[] value, int length) {
    try {
      column.db.merge(column.handle, column.writeOptions, key.buffer(), 0, key.length(), value, 0, length);
    } catch (RocksDBException e) {
      throw failure("write", e);
    }
  }

  final void delete(DataOutputSerializer key) {
    try {
      column.db.delete(column.handle, column.writeOptions, key.buffer(), 0, key.length());
    } catch (RocksDBException e) {
      throw failure("delete", e);
    }
  }

  @Override
  public void clear() {
    delete(key());
  }

  final StateAccessException failure(String what, Exception e) {
    return new StateAccessException("cannot " + what + " state '" + column.name + "' in RocksDB", e);
  }
}
