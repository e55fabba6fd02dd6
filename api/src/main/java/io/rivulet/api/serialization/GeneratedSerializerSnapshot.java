package io.rivulet.api.serialization;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Snapshot of a generated serializer: the type's name, the serializer's class name and the field layout
 * (name, type signature and the field serializer's own snapshot, in write order).
 *
 * <p>Against a new generated serializer: the same fields in the same order with compatible nested
 * snapshots → as is; fields added, removed or moved, or a nested type that needs migration → after
 * migration, and {@link #restoreSerializer()} reads the old layout into instances of the new class; a field
 * whose type signature changed, or whose nested type is incompatible → incompatible, naming the field.
 * The layout decides, not the class name, so a type moved to another package keeps its data.
 *
 * <p>Call order as in Flink: {@link #resolveCompatibility} first; {@link #restoreSerializer()} then builds
 * on the serializer it was resolved against. Without a resolve it uses the serializer class of the stored
 * name as found on the restoring class loader (the job's current version of the type).
 */
public final class GeneratedSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {
  private String typeName;
  private String serializerClass;
  private List<FieldSnapshot> fields;
  private transient ClassLoader classLoader;
  /** The serializer new data is written with: the writer itself, or the one last resolved against. */
  private transient GeneratedSerializer<T> target;

  private record FieldSnapshot(String name, String signature, TypeSerializerSnapshot<?> snapshot) {}

  /** What resolving against one serializer found: the compatibility, and for each old field where it goes. */
  private record Plan(Compatibility compatibility, int[] targetIndex, boolean[] readOld) {}

  /** For reading back. */
  public GeneratedSerializerSnapshot() {}

  GeneratedSerializerSnapshot(GeneratedSerializer<T> serializer) {
    typeName = serializer.typeName();
    serializerClass = serializer.getClass().getName();
    fields = new ArrayList<>();
    for (GeneratedField f : serializer.fields()) {
      fields.add(new FieldSnapshot(f.name(), f.signature(), f.serializer().snapshot()));
    }
    classLoader = serializer.getClass().getClassLoader();
    target = serializer;
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public void writeSnapshot(DataOutputView out) throws IOException {
    out.writeString(typeName);
    out.writeString(serializerClass);
    out.writeVarInt(fields.size());
    for (FieldSnapshot f : fields) {
      out.writeString(f.name);
      out.writeString(f.signature);
      TypeSerializerSnapshots.write(f.snapshot, out);
    }
  }

  @Override
  public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) throws IOException {
    if (version != 1) {
      throw new IOException("generated serializer snapshot format version " + version + " is unknown");
    }
    this.classLoader = classLoader;
    typeName = in.readString();
    serializerClass = in.readString();
    int n = in.readVarInt();
    fields = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String name = in.readString();
      String signature = in.readString();
      fields.add(new FieldSnapshot(name, signature, TypeSerializerSnapshots.read(in, classLoader)));
    }
  }

  @Override
  public Compatibility resolveCompatibility(TypeSerializer<T> newSerializer) {
    if (!(newSerializer instanceof GeneratedSerializer<T> now)) {
      return Compatibility.incompatible(typeName + " was written by the generated serializer " + serializerClass
          + " but the job now uses " + newSerializer.getClass().getName() + " (" + newSerializer.typeName() + ")");
    }
    Plan plan = plan(now);
    if (!plan.compatibility.isIncompatible()) {
      target = now;
    }
    return plan.compatibility;
  }

  @Override
  public TypeSerializer<T> restoreSerializer() {
    GeneratedSerializer<T> now = target != null ? target : loadCurrent();
    Plan plan = plan(now);
    if (plan.compatibility.isIncompatible()) {
      throw new IllegalStateException("cannot restore data of " + typeName + ": " + plan.compatibility.reason());
    }
    if (plan.compatibility.kind() == Compatibility.Kind.COMPATIBLE_AS_IS) {
      return now;
    }
    TypeSerializer<?>[] readers = new TypeSerializer<?>[fields.size()];
    for (int i = 0; i < readers.length; i++) {
      int j = plan.targetIndex[i];
      readers[i] = plan.readOld[i] ? restoreField(fields.get(i), j < 0) : now.fields().get(j).serializer();
    }
    return new MigratingSerializer<>(now, readers, plan.targetIndex);
  }

  private TypeSerializer<?> restoreField(FieldSnapshot f, boolean removed) {
    try {
      return f.snapshot.restoreSerializer();
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot restore the serializer of " + (removed ? "removed " : "") + "field '"
          + f.name + "' (" + f.signature + ") of " + typeName
          + (removed ? ", needed to skip it in old data" : "") + ": " + e.getMessage(), e);
    }
  }

  private Plan plan(GeneratedSerializer<T> now) {
    List<GeneratedField> newFields = now.fields();
    Map<String, Integer> newIndex = new HashMap<>();
    for (int j = 0; j < newFields.size(); j++) {
      newIndex.put(newFields.get(j).name(), j);
    }
    int[] targetIndex = new int[fields.size()];
    boolean[] readOld = new boolean[fields.size()];
    boolean sameLayout = fields.size() == newFields.size();
    List<String> removed = new ArrayList<>();
    List<String> migrated = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      FieldSnapshot old = fields.get(i);
      Integer j = newIndex.remove(old.name);
      if (j == null) {
        removed.add(old.name);
        targetIndex[i] = -1;
        readOld[i] = true;
        sameLayout = false;
        continue;
      }
      GeneratedField field = newFields.get(j);
      if (!old.signature.equals(field.signature())) {
        return incompatible("field '" + old.name + "' of " + typeName + " changed type from " + old.signature
            + " to " + field.signature() + "; keep the old type, or add a field under a new name");
      }
      Compatibility c = CompositeSerializerSnapshot.resolve(old.snapshot, field.serializer());
      if (c.isIncompatible()) {
        return incompatible("field '" + old.name + "' of " + typeName + ": " + c.reason());
      }
      if (c.kind() == Compatibility.Kind.COMPATIBLE_AFTER_MIGRATION) {
        migrated.add(old.name + " (" + c.reason() + ")");
        readOld[i] = true;
      }
      targetIndex[i] = j;
      sameLayout &= j == i;
    }
    if (sameLayout && migrated.isEmpty()) {
      return new Plan(Compatibility.asIs(), targetIndex, readOld);
    }
    List<String> changes = new ArrayList<>();
    if (!newIndex.isEmpty()) {
      changes.add("added " + newFieldNames(newFields, newIndex));
    }
    if (!removed.isEmpty()) {
      changes.add("removed " + removed);
    }
    if (!migrated.isEmpty()) {
      changes.add("migrated " + migrated);
    }
    if (changes.isEmpty()) {
      changes.add("fields reordered");
    }
    return new Plan(Compatibility.afterMigration(typeName + ": " + String.join(", ", changes)), targetIndex, readOld);
  }

  /** The added fields in declaration order (the map itself has no order). */
  private static List<String> newFieldNames(List<GeneratedField> newFields, Map<String, Integer> added) {
    List<String> names = new ArrayList<>();
    for (GeneratedField f : newFields) {
      if (added.containsKey(f.name())) {
        names.add(f.name());
      }
    }
    return names;
  }

  private static Plan incompatible(String reason) {
    return new Plan(Compatibility.incompatible(reason), null, null);
  }

  @SuppressWarnings("unchecked")
  private GeneratedSerializer<T> loadCurrent() {
    TypeSerializer<?> s = GeneratedSerializers.instantiate(serializerClass, classLoader, typeName);
    if (!(s instanceof GeneratedSerializer<?> g)) {
      throw new IllegalStateException(serializerClass + " is not a generated serializer");
    }
    return (GeneratedSerializer<T>) g;
  }
}
