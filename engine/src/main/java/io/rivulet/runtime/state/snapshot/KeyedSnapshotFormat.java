package io.rivulet.runtime.state.snapshot;

import io.rivulet.api.serialization.DataInputView;
import io.rivulet.api.serialization.DataOutputView;
import io.rivulet.api.serialization.TypeSerializerSnapshot;
import io.rivulet.api.serialization.TypeSerializerSnapshots;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one keyed snapshot format that both backends write and read, so that a checkpoint taken with the
 * heap backend restores into RocksDB and back, and with another parallelism.
 *
 * <pre>
 * snapshot     := header keyGroup*                      one keyGroup per group of the writer's range, in order
 * header       := int MAGIC, varint VERSION,
 *                 serializerSnapshot(key),
 *                 varint stateCount, stateMeta*
 * stateMeta    := string name, byte kindCode,
 *                 serializerSnapshot(namespace),
 *                 [serializerSnapshot(value)]            absent for TIMERS
 *                 [serializerSnapshot(userKey)]          MAP only
 * keyGroup     := int keyGroup, section*, varint 0       the writer returns the offset of each keyGroup
 * section      := varint (stateIndex + 1), entry+, int -1 only states with entries in this key group
 * entry        := int keyLength, keyBytes, int valueLength, valueBytes
 * keyBytes     := key ‖ namespace [‖ userKey]            each in its serializer's bytes, self-delimiting
 * valueBytes   := VALUE, REDUCING, AGGREGATING: the value (accumulator)
 *                 LIST: the elements, concatenated (never empty)
 *                 MAP: byte 0 (null value) | byte 1, value
 *                 TIMERS: byte domain (0 event time, 1 processing time), long timestamp
 * serializerSnapshot := as written by {@link TypeSerializerSnapshots#write}
 * </pre>
 *
 * <p>{@code keyBytes} and {@code valueBytes} are exactly what the RocksDB backend stores (without its
 * two-byte key-group prefix), so RocksDB writes and restores entries without deserializing them, and
 * restored entries of a state that is not registered yet can be carried into the next snapshot as they are.
 * Lengths are fixed-width ints so that a writer can serialize straight into its buffer and patch the
 * length afterwards.
 */
public final class KeyedSnapshotFormat {
  static final int MAGIC = 0x52564B53; // "RVKS"
  static final int VERSION = 1;
  /** Ends the sections of one key group. */
  static final int END_OF_KEY_GROUP = 0;
  /** Ends the entries of one section (read where an entry's key length would be). */
  static final int END_OF_SECTION = -1;

  /** {@code valueBytes} of a timer: the domain byte. */
  public static final byte EVENT_TIME = 0;

  public static final byte PROCESSING_TIME = 1;

  private KeyedSnapshotFormat() {}

  static void writeHeader(DataOutputView out, SnapshotHeader header) throws IOException {
    out.writeInt(MAGIC);
    out.writeVarInt(VERSION);
    TypeSerializerSnapshots.write(header.keySerializer(), out);
    out.writeVarInt(header.states().size());
    for (StateMetaInfo meta : header.states()) {
      out.writeString(meta.name());
      out.writeByte(meta.kind().code);
      TypeSerializerSnapshots.write(meta.namespaceSerializer(), out);
      if (meta.kind() != StateMetaInfo.Kind.TIMERS) {
        TypeSerializerSnapshots.write(meta.valueSerializer(), out);
      }
      if (meta.kind() == StateMetaInfo.Kind.MAP) {
        TypeSerializerSnapshots.write(meta.userKeySerializer(), out);
      }
    }
  }

  static SnapshotHeader readHeader(DataInputView in, ClassLoader classLoader) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new IOException("not a Rivulet keyed state snapshot (magic " + Integer.toHexString(magic) + ")");
    }
    int version = in.readVarInt();
    if (version != VERSION) {
      throw new IOException("keyed snapshot format version " + version + " is not supported (this build reads "
          + VERSION + ")");
    }
    TypeSerializerSnapshot<?> key = TypeSerializerSnapshots.read(in, classLoader);
    int n = in.readVarInt();
    List<StateMetaInfo> states = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String name = in.readString();
      StateMetaInfo.Kind kind = StateMetaInfo.Kind.ofCode(in.readByte());
      TypeSerializerSnapshot<?> namespace = TypeSerializerSnapshots.read(in, classLoader);
      TypeSerializerSnapshot<?> value = kind == StateMetaInfo.Kind.TIMERS
          ? null : TypeSerializerSnapshots.read(in, classLoader);
      TypeSerializerSnapshot<?> userKey = kind == StateMetaInfo.Kind.MAP
          ? TypeSerializerSnapshots.read(in, classLoader) : null;
      states.add(new StateMetaInfo(name, kind, namespace, value, userKey));
    }
    return new SnapshotHeader(key, states);
  }
}
