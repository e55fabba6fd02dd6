package io.rivulet.runtime.state;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The keyed state of a backend frozen at a checkpoint (the synchronous part already done). {@link #write}
 * runs later on a checkpoint I/O thread while the task goes on processing records, so it must not read
 * anything the task thread mutates.
 */
public interface KeyedStateSnapshot {
  /**
   * Writes every key group of the backend's range, in order, to {@code out}.
   *
   * @return the start offset of each key group, relative to the first byte written
   */
  long[] write(OutputStream out) throws IOException;

  /** Frees what the snapshot holds (e.g. a RocksDB snapshot); called after write or on abort. */
  default void release() {}
}
