package io.rivulet.runtime.state.rocksdb;

import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.runtime.state.CurrentKey;
import io.rivulet.runtime.state.StateAccessException;
import java.io.IOException;

/**
 * The current key as the leading bytes of every RocksDB key: key group (2 bytes, big-endian, so that
 * entries sort by key group) followed by the serialized key. Serialized at most once per
 * {@code setCurrentKey}, lazily, and shared by all states of the backend. Owned by the task thread.
 */
final class SerializedKey<K> {
  private final CurrentKey<K> currentKey;
  private final TypeSerializer<K> serializer;
  private final DataOutputSerializer bytes = new DataOutputSerializer(64);
  private int builtFor = -1;

  SerializedKey(CurrentKey<K> currentKey, TypeSerializer<K> serializer) {
    this.currentKey = currentKey;
    this.serializer = serializer;
  }

  /** Appends key group and key to {@code out}. */
  void writeTo(DataOutputSerializer out) {
    int version = currentKey.version();
    if (version != builtFor) {
      K key = currentKey.require();
      bytes.clear();
      bytes.writeShort(currentKey.keyGroup());
      try {
        serializer.serialize(key, bytes);
      } catch (IOException e) {
        throw new StateAccessException("cannot serialize key " + key, e);
      }
      builtFor = version;
    }
    out.write(bytes.buffer(), 0, bytes.length());
  }

  CurrentKey<K> currentKey() {
    return currentKey;
  }
}
