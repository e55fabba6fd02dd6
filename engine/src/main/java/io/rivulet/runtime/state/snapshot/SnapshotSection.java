package io.rivulet.runtime.state.snapshot;

import java.io.IOException;

/**
 * One state or timer service inside a frozen snapshot. Created by the task thread in the synchronous part
 * of a checkpoint; {@link #writeKeyGroup} then runs on the checkpoint I/O thread and must read only what was
 * frozen (or a RocksDB snapshot), never live state.
 */
public interface SnapshotSection {
  StateMetaInfo meta();

  /** Writes this section's entries of {@code keyGroup}; called once per key group, in ascending order. */
  void writeKeyGroup(int keyGroup, SnapshotWriter out) throws IOException;

  /** Frees native resources (iterators); called once after writing or on abort. */
  default void release() {}
}
