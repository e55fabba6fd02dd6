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
  final RocksDB db;
  final ColumnFamilyHandle handle;
  final WriteOptions writeOptions;
  StateMetaInfo meta;
  StateDescriptor<?, ?> descriptor;
  TypeSerializer<?> namespaceSerializer;
  State state;

  Column(String name, RocksDB db, ColumnFamilyHandle handle, WriteOptions writeOptions, StateMetaInfo meta) {
    this.name = name;
    this.db = db;
    this.handle = handle;
    this.writeOptions = writeOptions;
    this.meta = meta;
  }

  boolean registered() {
    return state != null;
  }
}
