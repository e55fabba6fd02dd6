package io.rivulet.runtime.state.rocksdb;

import io.rivulet.api.serialization.DataInputDeserializer;
import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.runtime.state.StateAccessException;
import io.rivulet.runtime.state.snapshot.StateValueEncoding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Iterates the entries of one (key, namespace) of a map state by prefix scan, {@value #BATCH} entries at a
 * time: each batch opens a RocksDB iterator, copies the raw entries out and closes it, so a caller that
 * stops early leaks nothing. Entries are decoded lazily. {@link #remove} deletes the last entry returned.
 * Used by the task thread only.
 */
final class RocksDbMapIterator<UK, UV, E> implements Iterator<E> {
  static final int BATCH = 128;

  private final RocksDbMapState<?, ?, UK, UV> state;
  private final byte[] prefix;
  private final Function<Map.Entry<UK, UV>, E> view;
  private final List<Entry> batch = new ArrayList<>(BATCH);
  private int next;
  private boolean exhausted;
  private byte[] lastLoaded;
  private Entry lastReturned;

  RocksDbMapIterator(RocksDbMapState<?, ?, UK, UV> state, byte[] prefix, Function<Map.Entry<UK, UV>, E> view) {
    this.state = state;
    this.prefix = prefix;
    this.view = view;
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  @Override
  public boolean hasNext() {
    if (next < batch.size()) {
      return true;
    }
    if (exhausted) {
      return false;
    }
    load();
    return next < batch.size();
  }

  @Override
  public E next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    lastReturned = batch.get(next++);
    return view.apply(lastReturned);
  }

  @Override
  public void remove() {
    if (lastReturned == null) {
      throw new IllegalStateException("next() was not called, or remove() was already called");
    }
    try {
      state.column.db.delete(state.column.handle, state.column.writeOptions, lastReturned.rawKey);
    } catch (RocksDBException e) {
      throw state.failure("delete from", e);
    }
    lastReturned = null;
  }

  private void load() {
    batch.clear();
    next = 0;
    try (RocksIterator it = state.column.db.newIterator(state.column.handle)) {
      it.seek(lastLoaded == null ? prefix : lastLoaded);
      if (lastLoaded != null && it.isValid() && Arrays.equals(it.key(), lastLoaded)) {
        it.next();
      }
      while (batch.size() < BATCH && it.isValid()) {
        byte[] key = it.key();
        if (!startsWith(key, prefix)) {
          exhausted = true;
          break;
        }
        batch.add(new Entry(key, it.value()));
        it.next();
      }
      if (!it.isValid()) {
        exhausted = true;
      }
    }
    if (!batch.isEmpty()) {
      lastLoaded = batch.get(batch.size() - 1).rawKey;
    }
  }

  /** An entry as stored; its key and value are deserialized when first asked for. */
  private final class Entry implements Map.Entry<UK, UV> {
    final byte[] rawKey;
    private byte[] rawValue;
    private UK key;
    private UV value;
    private boolean keyRead;
    private boolean valueRead;

    Entry(byte[] rawKey, byte[] rawValue) {
      this.rawKey = rawKey;
      this.rawValue = rawValue;
    }

    @Override
    public UK getKey() {
      if (!keyRead) {
        DataInputDeserializer in = new DataInputDeserializer();
        in.setBuffer(rawKey, prefix.length, rawKey.length - prefix.length);
        try {
          key = state.userKeySerializer.deserialize(in);
        } catch (IOException e) {
          throw new StateAccessException("cannot deserialize a key of map state '" + state.column.name + "'", e);
        }
        keyRead = true;
      }
      return key;
    }

    @Override
    public UV getValue() {
      if (!valueRead) {
        try {
          value = StateValueEncoding.readMapValue(new DataInputDeserializer(rawValue), state.valueSerializer);
        } catch (IOException e) {
          throw new StateAccessException("cannot deserialize a value of map state '" + state.column.name + "'", e);
        }
        valueRead = true;
      }
      return value;
    }

    /** Writes through to the state. */
    @Override
    public UV setValue(UV newValue) {
      UV old = getValue();
      DataOutputSerializer out = new DataOutputSerializer(64);
      try {
        StateValueEncoding.writeMapValue(newValue, state.valueSerializer, out);
        rawValue = out.toByteArray();
        state.column.db.put(state.column.handle, state.column.writeOptions, rawKey, rawValue);
      } catch (IOException | RocksDBException e) {
        throw state.failure("write", e);
      }
      value = newValue;
      return old;
    }
  }
}
