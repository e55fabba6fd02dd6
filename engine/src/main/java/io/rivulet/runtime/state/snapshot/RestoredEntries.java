package io.rivulet.runtime.state.snapshot;

import io.rivulet.api.serialization.DataInputDeserializer;
import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.runtime.state.KeyGroupRange;
import java.io.IOException;

/**
 * The entries of one restored state (or timer service) as they were in the snapshot, kept per key group
 * until the state is registered and they can be deserialized with the serializers the job declares now.
 * Until then, a new snapshot carries them over unchanged ({@link #writeKeyGroup}). Owned by the task
 * thread; never changed after the restore, so a snapshot section may read it from the I/O thread.
 */
public final class RestoredEntries {
  private final StateMetaInfo meta;
  private final KeyGroupRange range;
  private final DataOutputSerializer[] byKeyGroup;

  public RestoredEntries(StateMetaInfo meta, KeyGroupRange range) {
    this.meta = meta;
    this.range = range;
    this.byKeyGroup = new DataOutputSerializer[range.size()];
  }

  public StateMetaInfo meta() {
    return meta;
  }

  public void add(int keyGroup, byte[] key, int keyLen, byte[] value, int valueLen) {
    int i = keyGroup - range.start();
    DataOutputSerializer out = byKeyGroup[i];
    if (out == null) {
      out = byKeyGroup[i] = new DataOutputSerializer(256);
    }
    out.writeInt(keyLen);
    out.write(key, 0, keyLen);
    out.writeInt(valueLen);
    out.write(value, 0, valueLen);
  }

  /** Receives one entry; both inputs are positioned on the entry's bytes and reused for the next one. */
  @FunctionalInterface
  public interface EntryVisitor {
    void visit(int keyGroup, DataInputDeserializer key, DataInputDeserializer value) throws IOException;
  }

  public void forEach(EntryVisitor visitor) throws IOException {
    DataInputDeserializer key = new DataInputDeserializer();
    DataInputDeserializer value = new DataInputDeserializer();
    DataInputDeserializer entries = new DataInputDeserializer();
    for (int i = 0; i < byKeyGroup.length; i++) {
      DataOutputSerializer out = byKeyGroup[i];
      if (out == null) {
        continue;
      }
      byte[] b = out.buffer();
      entries.setBuffer(b, 0, out.length());
      while (entries.available() > 0) {
        int keyLen = entries.readInt();
        key.setBuffer(b, entries.position(), keyLen);
        entries.skip(keyLen);
        int valueLen = entries.readInt();
        value.setBuffer(b, entries.position(), valueLen);
        entries.skip(valueLen);
        visitor.visit(range.start() + i, key, value);
      }
    }
  }

  /** A snapshot section that writes these entries again, unchanged. */
  public SnapshotSection asSection() {
    return new SnapshotSection() {
      @Override
      public StateMetaInfo meta() {
        return meta;
      }

      @Override
      public void writeKeyGroup(int keyGroup, SnapshotWriter out) throws IOException {
        DataOutputSerializer entries = range.contains(keyGroup) ? byKeyGroup[keyGroup - range.start()] : null;
        if (entries != null) {
          out.rawEntries(entries.buffer(), 0, entries.length());
        }
      }
    };
  }
}
