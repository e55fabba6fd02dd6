package io.rivulet.runtime.state.rocksdb;

import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.State;
import io.rivulet.api.state.StateDescriptor;
import io.rivulet.runtime.state.snapshot.StateMetaInfo;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;

/**
 * One state's column family and what is known about it: the metadata its bytes were written with (restored
 * metadata until the state is registered, then the registered serializers') and, once registered, the
 * state object. Owned by the task thread.
 */
final class Column {
  final String name;
  private final RocksDB db;
  final ColumnFamilyHandle handle;
  final WriteOptions writeOptions;
  StateMetaInfo meta;
  StateDescriptor<?, ?> descriptor;
  TypeSerializer<?> namespaceSerializer;
  State state;
  /** Set by the backend's close (task thread); native calls on a closed database would crash the JVM. */
  private boolean closed;

  Column(String name, RocksDB db, ColumnFamilyHandle handle, WriteOptions writeOptions, StateMetaInfo meta) {
    this.name = name;
    this.db = db;
    this.handle = handle;
    this.writeOptions = writeOptions;
    this.meta = meta;
  }

  /** The database, or an exception if the backend was closed. */
  RocksDB db() {
    if (closed) {
      throw new IllegalStateException("state '" + name + "' used after its RocksDB state backend was closed");
    }
    return db;
  }

  void close() {
    closed = true;
    handle.close();
  }

  boolean registered() {
    return state != null;
  }
}
