package io.rivulet.api.serialization;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshot of a serializer built from other serializers (a list of E, a map from K to V, a tuple). It
 * writes the nested serializers' snapshots, so that a nested type that evolves (an enum whose constants
 * were reordered, a generated record with a new field) is resolved through its container: the container
 * is as compatible as its least compatible part, and its restore serializer is assembled from the nested
 * restore serializers.
 *
 * <p>Subclasses need a public no-argument constructor (for reading back) and say how to take their
 * serializer apart ({@link #nestedSerializers}) and put it together again ({@link #create}).
 */
public abstract class CompositeSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {
  private TypeSerializerSnapshot<?>[] nested;

  /** For reading back. */
  protected CompositeSerializerSnapshot() {}

  protected CompositeSerializerSnapshot(TypeSerializer<?>... nestedSerializers) {
    nested = new TypeSerializerSnapshot<?>[nestedSerializers.length];
    for (int i = 0; i < nestedSerializers.length; i++) {
      nested[i] = nestedSerializers[i].snapshot();
    }
  }

  /** The serializer class this snapshot belongs to: another class means another byte format. */
  protected abstract Class<?> serializerClass();

  /** The parts of a serializer of {@link #serializerClass()}, in the order passed to the constructor. */
  protected abstract TypeSerializer<?>[] nestedSerializers(TypeSerializer<T> serializer);

  /** A serializer of this kind around the given parts. */
  protected abstract TypeSerializer<T> create(TypeSerializer<?>[] parts);

  /** What part {@code i} is called in messages ("element", "key", ...). */
  protected String partName(int i) {
    return "part " + i;
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public void writeSnapshot(DataOutputView out) throws IOException {
    out.writeVarInt(nested.length);
    for (TypeSerializerSnapshot<?> s : nested) {
      TypeSerializerSnapshots.write(s, out);
    }
  }

  @Override
  public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) throws IOException {
    if (version != 1) {
      throw new IOException(getClass().getName() + " cannot read snapshot format version " + version);
    }
    nested = new TypeSerializerSnapshot<?>[in.readVarInt()];
    for (int i = 0; i < nested.length; i++) {
      nested[i] = TypeSerializerSnapshots.read(in, classLoader);
    }
  }

  @Override
  public TypeSerializer<T> restoreSerializer() {
    TypeSerializer<?>[] parts = new TypeSerializer<?>[nested.length];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = nested[i].restoreSerializer();
    }
    return create(parts);
  }

  @Override
  public Compatibility resolveCompatibility(TypeSerializer<T> newSerializer) {
    if (newSerializer.getClass() != serializerClass()) {
      return Compatibility.incompatible("data was written by " + serializerClass().getName()
          + " but the job now uses " + newSerializer.getClass().getName() + " (" + newSerializer.typeName() + ")");
    }
    TypeSerializer<?>[] now = nestedSerializers(newSerializer);
    if (now.length != nested.length) {
      return Compatibility.incompatible(serializerClass().getSimpleName() + " had " + nested.length
          + " parts, now " + now.length);
    }
    List<String> migrations = new ArrayList<>();
    // every part is resolved, even after a migration was found, so that each nested snapshot has seen
    // its new serializer before restoreSerializer() is called
    for (int i = 0; i < now.length; i++) {
      Compatibility c = resolve(nested[i], now[i]);
      if (c.isIncompatible()) {
        return Compatibility.incompatible(partName(i) + " of " + newSerializer.typeName() + ": " + c.reason());
      }
      if (c.kind() == Compatibility.Kind.COMPATIBLE_AFTER_MIGRATION) {
        migrations.add(partName(i) + ": " + c.reason());
      }
    }
    return migrations.isEmpty() ? Compatibility.asIs() : Compatibility.afterMigration(String.join("; ", migrations));
  }

  /** Resolves a nested snapshot of unknown element type; the caller pairs snapshot and serializer by position. */
  @SuppressWarnings("unchecked")
  static <X> Compatibility resolve(TypeSerializerSnapshot<X> snapshot, TypeSerializer<?> newSerializer) {
    return snapshot.resolveCompatibility((TypeSerializer<X>) newSerializer);
  }
}
