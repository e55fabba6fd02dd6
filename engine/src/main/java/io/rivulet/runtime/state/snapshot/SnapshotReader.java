package io.rivulet.runtime.state.snapshot;

import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.KeyGroupsStateHandle;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads the key groups of one range out of snapshots in the {@link KeyedSnapshotFormat}. A snapshot written
 * by a subtask with another range (before rescaling) is read only where the ranges overlap: the reader reads
 * the header, then skips straight to the first shared key group.
 */
public final class SnapshotReader {
  private byte[] key = new byte[256];
  private byte[] value = new byte[256];

  /** Reads the entries of {@code handle} in key groups of {@code range} into {@code target}. */
  public void read(KeyGroupsStateHandle handle, KeyGroupRange range, ClassLoader classLoader,
      RestoreTarget target) throws IOException {
    KeyGroupRange shared = handle.range().intersect(range);
    if (shared.size() == 0) {
      return;
    }
    try (InputStream stream = handle.data().open()) {
      StreamDataInput in = new StreamDataInput(stream);
      SnapshotHeader header = KeyedSnapshotFormat.readHeader(in, classLoader);
      target.header(header);
      for (int kg = shared.start(); kg <= shared.end(); kg++) {
        in.skipTo(handle.offsetOf(kg));
        int written = in.readInt();
        if (written != kg) {
          throw new IOException("corrupt snapshot: expected key group " + kg + " at offset "
              + handle.offsetOf(kg) + " but found " + written);
        }
        readKeyGroup(in, header, kg, target);
      }
    }
  }

  private void readKeyGroup(StreamDataInput in, SnapshotHeader header, int kg, RestoreTarget target)
      throws IOException {
    for (int index = in.readVarInt(); index != KeyedSnapshotFormat.END_OF_KEY_GROUP; index = in.readVarInt()) {
      if (index > header.states().size()) {
        throw new IOException("corrupt snapshot: section " + index + " in key group " + kg + " but the header"
            + " names " + header.states().size() + " states");
      }
      StateMetaInfo meta = header.states().get(index - 1);
      for (int keyLen = in.readInt(); keyLen != KeyedSnapshotFormat.END_OF_SECTION; keyLen = in.readInt()) {
        key = read(in, key, keyLen);
        int valueLen = in.readInt();
        value = read(in, value, valueLen);
        target.entry(meta, kg, key, keyLen, value, valueLen);
      }
    }
  }

  private static byte[] read(StreamDataInput in, byte[] into, int len) throws IOException {
    if (len < 0) {
      throw new IOException("corrupt snapshot: negative length " + len);
    }
    byte[] b = into.length >= len ? into : Arrays.copyOf(into, Math.max(len, into.length * 2));
    in.readFully(b, 0, len);
    return b;
  }
}
