package io.rivulet.runtime.state;

import io.rivulet.api.serialization.DataInputView;
import io.rivulet.api.serialization.DataOutputView;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.TypeSerializerSnapshot;
import java.io.IOException;

/**
 * Longs in two formats, to test migration on restore: version 1 writes 8 bytes, version 2 writes the
 * decimal string. Its snapshot says AFTER_MIGRATION when the versions differ.
 */
public final class VersionedLongSerializer implements TypeSerializer<Long> {
  final int version;

  public VersionedLongSerializer(int version) {
    this.version = version;
  }

  @Override
  public void serialize(Long value, DataOutputView out) throws IOException {
    if (version == 1) {
      out.writeLong(value);
    } else {
      out.writeString(Long.toString(value));
    }
  }

  @Override
  public Long deserialize(DataInputView in) throws IOException {
    return version == 1 ? in.readLong() : Long.parseLong(in.readString());
  }

  @Override
  public Long copy(Long value) {
    return value;
  }

  @Override
  public boolean isImmutable() {
    return true;
  }

  @Override
  public String typeName() {
    return "Long(v" + version + ")";
  }

  @Override
  public Class<Long> typeClass() {
    return Long.class;
  }

  @Override
  public TypeSerializerSnapshot<Long> snapshot() {
    return new Snapshot(version);
  }

  public static final class Snapshot implements TypeSerializerSnapshot<Long> {
    private int version;

    public Snapshot() {}

    Snapshot(int version) {
      this.version = version;
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeVarInt(version);
    }

    @Override
    public void readSnapshot(int snapshotVersion, DataInputView in, ClassLoader classLoader) throws IOException {
      version = in.readVarInt();
    }

    @Override
    public TypeSerializer<Long> restoreSerializer() {
      return new VersionedLongSerializer(version);
    }

    @Override
    public Compatibility resolveCompatibility(TypeSerializer<Long> newSerializer) {
      if (!(newSerializer instanceof VersionedLongSerializer v)) {
        return Compatibility.incompatible("not a versioned long");
      }
      return v.version == version ? Compatibility.asIs()
          : Compatibility.afterMigration("long format v" + version + " -> v" + v.version);
    }
  }
}
