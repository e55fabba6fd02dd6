package io.rivulet.runtime.state.rocksdb;

import io.rivulet.runtime.state.snapshot.SnapshotSection;
import io.rivulet.runtime.state.snapshot.SnapshotWriter;
import io.rivulet.runtime.state.snapshot.StateMetaInfo;
import java.io.IOException;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * One column family read through a RocksDB snapshot taken in the synchronous part. Runs on the checkpoint
 * I/O thread: one iterator walks the column family once, in key order, which is key-group order thanks to
 * the two-byte key-group prefix; entries are copied out without deserializing.
 */
final class RocksDbStateSection implements SnapshotSection {
  private final StateMetaInfo meta;
  private final RocksDB db;
  private final ColumnFamilyHandle handle;
  private final ReadOptions readOptions;
  private RocksIterator iterator;

  RocksDbStateSection(StateMetaInfo meta, RocksDB db, ColumnFamilyHandle handle, Snapshot snapshot) {
    this.meta = meta;
    this.db = db;
    this.handle = handle;
    this.readOptions = new ReadOptions().setSnapshot(snapshot).setFillCache(false);
  }

  @Override
  public StateMetaInfo meta() {
    return meta;
  }

  @Override
  public void writeKeyGroup(int keyGroup, SnapshotWriter out) throws IOException {
    if (iterator == null) {
      iterator = db.newIterator(handle, readOptions);
      iterator.seek(new byte[] {(byte) (keyGroup >>> 8), (byte) keyGroup});
    }
    for (; iterator.isValid(); iterator.next()) {
      byte[] key = iterator.key();
      int group = ((key[0] & 0xFF) << 8) | (key[1] & 0xFF);
      if (group > keyGroup) {
        break;
      }
      if (group < keyGroup) {
        throw new IOException("RocksDB entry of key group " + group + " found while writing key group " + keyGroup);
      }
      byte[] value = iterator.value();
      out.entry(key, 2, key.length - 2, value, 0, value.length);
    }
    try {
      iterator.status();
    } catch (RocksDBException e) {
      throw new IOException("cannot read state '" + meta.name() + "' from RocksDB", e);
    }
  }

  @Override
  public void release() {
    if (iterator != null) {
      iterator.close();
      iterator = null;
    }
    readOptions.close();
  }
}
