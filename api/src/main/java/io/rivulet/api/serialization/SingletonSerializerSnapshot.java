package io.rivulet.api.serialization;

import java.io.IOException;

/**
 * Snapshot of a serializer that has no configuration: it records the serializer's class and a format
 * version, and is compatible as-is with any serializer of the same class and version.
 */
public final class SingletonSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {
  private String serializerClass;
  private int formatVersion;
  private transient TypeSerializer<T> serializer;

  /** For reading back. */
  public SingletonSerializerSnapshot() {}

  public SingletonSerializerSnapshot(TypeSerializer<T> serializer, int formatVersion) {
    this.serializer = serializer;
    this.serializerClass = serializer.getClass().getName();
    this.formatVersion = formatVersion;
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public void writeSnapshot(DataOutputView out) throws IOException {
    out.writeString(serializerClass);
    out.writeVarInt(formatVersion);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) throws IOException {
    serializerClass = in.readString();
    formatVersion = in.readVarInt();
    try {
      Class<?> cls = Class.forName(serializerClass, true, classLoader);
      try {
        serializer = (TypeSerializer<T>) cls.getField("INSTANCE").get(null);
      } catch (NoSuchFieldException e) {
        serializer = (TypeSerializer<T>) cls.getDeclaredConstructor().newInstance();
      }
    } catch (ReflectiveOperationException e) {
      throw new IOException("cannot restore serializer " + serializerClass, e);
    }
  }

  @Override
  public TypeSerializer<T> restoreSerializer() {
    return serializer;
  }

  @Override
  public Compatibility resolveCompatibility(TypeSerializer<T> newSerializer) {
    if (!newSerializer.getClass().getName().equals(serializerClass)) {
      return Compatibility.incompatible("data was written by " + serializerClass + " but the job now uses "
          + newSerializer.getClass().getName() + " (" + newSerializer.typeName() + ")");
    }
    TypeSerializerSnapshot<T> now = newSerializer.snapshot();
    if (now instanceof SingletonSerializerSnapshot<T> s && s.formatVersion != formatVersion) {
      return Compatibility.afterMigration("format version " + formatVersion + " -> " + s.formatVersion);
    }
    return Compatibility.asIs();
  }
}
