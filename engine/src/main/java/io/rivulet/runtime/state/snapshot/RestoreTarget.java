package io.rivulet.runtime.state.snapshot;

import java.io.IOException;

/** Receives what {@link SnapshotReader} reads from one snapshot; implemented by each backend. */
public interface RestoreTarget {
  /** Called first for every snapshot that has key groups in the target's range. */
  void header(SnapshotHeader header) throws IOException;

  /**
   * One entry of {@code state} in {@code keyGroup}. The arrays are reused for the next entry: copy what
   * must be kept.
   */
  void entry(StateMetaInfo state, int keyGroup, byte[] key, int keyLength, byte[] value, int valueLength)
      throws IOException;
}
