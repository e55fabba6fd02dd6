package io.rivulet.api.serialization;

import java.io.IOException;

/** Writes and reads a {@link TypeSerializerSnapshot} together with its class name and version. */
public final class TypeSerializerSnapshots {
  private TypeSerializerSnapshots() {}

  public static void write(TypeSerializerSnapshot<?> snapshot, DataOutputView out) throws IOException {
    out.writeString(snapshot.getClass().getName());
    out.writeVarInt(snapshot.version());
    snapshot.writeSnapshot(out);
  }

  public static <T> TypeSerializerSnapshot<T> read(DataInputView in, ClassLoader classLoader) throws IOException {
    String className = in.readString();
    int version = in.readVarInt();
    TypeSerializerSnapshot<T> snapshot;
    try {
      @SuppressWarnings("unchecked")
      Class<? extends TypeSerializerSnapshot<T>> cls =
          (Class<? extends TypeSerializerSnapshot<T>>) Class.forName(className, true, classLoader);
      snapshot = cls.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IOException("cannot instantiate serializer snapshot " + className
          + ": it needs a public no-argument constructor and must be on the job's class path", e);
    }
    snapshot.readSnapshot(version, in, classLoader);
    return snapshot;
  }
}
