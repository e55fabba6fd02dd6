package io.rivulet.runtime.state.rocksdb;

import io.rivulet.api.serialization.DataInputDeserializer;
import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.MapState;
import io.rivulet.runtime.state.StateAccessException;
import io.rivulet.runtime.state.snapshot.StateValueEncoding;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * One RocksDB entry per user key: key group ‖ key ‖ namespace ‖ user key → presence byte ‖ value. The
 * entries of one (key, namespace) are adjacent, so iteration is a prefix scan; it proceeds in batches (see
 * {@link RocksDbMapIterator}) so that an abandoned iterator holds no native resources.
 */
final class RocksDbMapState<K, N, UK, UV> extends AbstractRocksDbState<K, N, UV> implements MapState<UK, UV> {
  final TypeSerializer<UK> userKeySerializer;
  private final DataOutputSerializer userKeyOut = new DataOutputSerializer(64);

  RocksDbMapState(Column column, SerializedKey<K> key, TypeSerializer<N> namespaces,
      TypeSerializer<UK> userKeys, TypeSerializer<UV> values) {
    super(column, key, namespaces, values);
    this.userKeySerializer = userKeys;
  }

  private DataOutputSerializer userKey(UK userKey) {
    Objects.requireNonNull(userKey, () -> "map state '" + column.name + "' does not take null keys");
    DataOutputSerializer prefix = key();
    userKeyOut.clear();
    userKeyOut.write(prefix.buffer(), 0, prefix.length());
    try {
      userKeySerializer.serialize(userKey, userKeyOut);
    } catch (IOException e) {
      throw new StateAccessException("cannot serialize a key of map state '" + column.name + "'", e);
    }
    return userKeyOut;
  }

  @Override
  public UV get(UK key) {
    DataInputDeserializer bytes = read(userKey(key));
    try {
      return bytes == null ? null : StateValueEncoding.readMapValue(bytes, valueSerializer);
    } catch (IOException e) {
      throw new StateAccessException("cannot deserialize a value of map state '" + column.name + "'", e);
    }
  }

  @Override
  public void put(UK key, UV value) {
    DataOutputSerializer k = userKey(key);
    DataOutputSerializer v = valueOut();
    try {
      StateValueEncoding.writeMapValue(value, valueSerializer, v);
    } catch (IOException e) {
      throw new StateAccessException("cannot serialize a value of map state '" + column.name + "'", e);
    }
    put(k, v);
  }

  @Override
  public void putAll(Map<UK, UV> map) {
    map.keySet().forEach(k -> Objects.requireNonNull(k,
        () -> "map state '" + column.name + "' does not take null keys"));
    for (Map.Entry<UK, UV> e : map.entrySet()) {
      put(e.getKey(), e.getValue());
    }
  }

  @Override
  public void remove(UK key) {
    delete(userKey(key));
  }

  @Override
  public boolean contains(UK key) {
    return read(userKey(key)) != null;
  }

  private byte[] prefix() {
    DataOutputSerializer k = key();
    return Arrays.copyOf(k.buffer(), k.length());
  }

  @Override
  public Iterable<Map.Entry<UK, UV>> entries() {
    byte[] prefix = prefix();
    return () -> new RocksDbMapIterator<>(this, prefix, e -> e);
  }

  @Override
  public Iterable<UK> keys() {
    byte[] prefix = prefix();
    return () -> new RocksDbMapIterator<>(this, prefix, Map.Entry::getKey);
  }

  @Override
  public Iterable<UV> values() {
    byte[] prefix = prefix();
    return () -> new RocksDbMapIterator<>(this, prefix, Map.Entry::getValue);
  }

  @Override
  public boolean isEmpty() {
    byte[] prefix = prefix();
    try (RocksIterator it = column.db.newIterator(column.handle)) {
      it.seek(prefix);
      return !(it.isValid() && RocksDbMapIterator.startsWith(it.key(), prefix));
    }
  }

  /** Deletes every user key of the current (key, namespace) in one write batch. */
  @Override
  public void clear() {
    byte[] prefix = prefix();
    try (RocksIterator it = column.db.newIterator(column.handle); WriteBatch batch = new WriteBatch()) {
      for (it.seek(prefix); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (!RocksDbMapIterator.startsWith(k, prefix)) {
          break;
        }
        batch.delete(column.handle, k);
      }
      column.db.write(column.writeOptions, batch);
    } catch (RocksDBException e) {
      throw failure("clear", e);
    }
  }
}
