package io.rivulet.runtime.state.snapshot;

import io.rivulet.api.serialization.DataInputDeserializer;
import io.rivulet.api.serialization.DataInputView;
import io.rivulet.api.serialization.DataOutputView;
import io.rivulet.api.serialization.TypeSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * How list and map values are laid out in bytes, shared by the snapshot format and the RocksDB backend (see
 * {@link KeyedSnapshotFormat}): a list is its elements concatenated (serializers are self-delimiting, and
 * this is exactly what RocksDB's string-append merge operator with an empty delimiter produces); a map
 * value carries a presence byte so that null values survive.
 */
public final class StateValueEncoding {
  private StateValueEncoding() {}

  public static <T> void writeList(List<T> elements, TypeSerializer<T> serializer, DataOutputView out)
      throws IOException {
    for (int i = 0, n = elements.size(); i < n; i++) {
      serializer.serialize(elements.get(i), out);
    }
  }

  /** Reads elements until {@code in} is exhausted. */
  public static <T> ArrayList<T> readList(DataInputDeserializer in, TypeSerializer<T> serializer) throws IOException {
    ArrayList<T> list = new ArrayList<>();
    while (in.available() > 0) {
      list.add(serializer.deserialize(in));
    }
    return list;
  }

  public static <V> void writeMapValue(V value, TypeSerializer<V> serializer, DataOutputView out)
      throws IOException {
    if (value == null) {
      out.writeByte(0);
    } else {
      out.writeByte(1);
      serializer.serialize(value, out);
    }
  }

  public static <V> V readMapValue(DataInputView in, TypeSerializer<V> serializer) throws IOException {
    return in.readByte() == 0 ? null : serializer.deserialize(in);
  }

  /** Rewrites the value bytes of one entry of a state of {@code kind} from the old serializer to the new. */
  public static <T> void migrate(StateMetaInfo.Kind kind, DataInputDeserializer in, TypeSerializer<T> from,
      TypeSerializer<T> to, DataOutputView out) throws IOException {
    switch (kind) {
      case LIST -> {
        while (in.available() > 0) {
          to.serialize(from.deserialize(in), out);
        }
      }
      case MAP -> writeMapValue(readMapValue(in, from), to, out);
      case VALUE, REDUCING, AGGREGATING -> to.serialize(from.deserialize(in), out);
      default -> throw new IllegalArgumentException("no values to migrate in " + kind);
    }
  }
}
