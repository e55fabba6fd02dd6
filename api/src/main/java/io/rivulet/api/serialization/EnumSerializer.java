package io.rivulet.api.serialization;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Enum constants as a var-int index into a fixed layout of constants (normally their declaration order).
 * The snapshot stores the constants' names, so that a job whose enum was reordered or extended can still
 * read old data: the restore serializer maps each old index to the constant of the same name.
 */
public final class EnumSerializer<E extends Enum<E>> implements TypeSerializer<E> {
  private static final long serialVersionUID = 1L;

  private final Class<E> type;
  /** The constant written as index i; null where an old constant no longer exists (restore path only). */
  private final E[] layout;
  /** Inverse of {@link #layout} by ordinal; -1 for a constant the layout does not have. */
  private final int[] indexByOrdinal;

  public EnumSerializer(Class<E> type) {
    this(type, constantsOf(type));
  }

  EnumSerializer(Class<E> type, E[] layout) {
    this.type = type;
    this.layout = layout;
    this.indexByOrdinal = new int[constantsOf(type).length];
    Arrays.fill(indexByOrdinal, -1);
    for (int i = 0; i < layout.length; i++) {
      if (layout[i] != null) {
        indexByOrdinal[layout[i].ordinal()] = i;
      }
    }
  }

  static <E extends Enum<E>> E[] constantsOf(Class<E> type) {
    E[] constants = Objects.requireNonNull(type, "enum class").getEnumConstants();
    if (constants == null) {
      throw new IllegalArgumentException(type.getName() + " is not an enum");
    }
    return constants;
  }

  /** The names in write order; what the snapshot records. */
  String[] layoutNames() {
    String[] names = new String[layout.length];
    for (int i = 0; i < layout.length; i++) {
      names[i] = layout[i] == null ? null : layout[i].name();
    }
    return names;
  }

  @Override
  public void serialize(E value, DataOutputView out) throws IOException {
    int index = indexByOrdinal[value.ordinal()];
    if (index < 0) {
      throw new IOException(type.getName() + "." + value.name() + " did not exist when this data was written");
    }
    out.writeVarInt(index);
  }

  @Override
  public E deserialize(DataInputView in) throws IOException {
    int index = in.readVarInt();
    E e = index >= 0 && index < layout.length ? layout[index] : null;
    if (e == null) {
      throw new IOException("no constant of " + type.getName() + " for index " + index);
    }
    return e;
  }

  @Override
  public E copy(E value) {
    return value;
  }

  @Override
  public boolean isImmutable() {
    return true;
  }

  @Override
  public String typeName() {
    return type.getName();
  }

  @Override
  public Class<E> typeClass() {
    return type;
  }

  @Override
  public TypeSerializerSnapshot<E> snapshot() {
    return new Snapshot<>(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnumSerializer<?> s && s.type == type && Arrays.equals(s.layout, layout);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return typeName();
  }

  /**
   * Records the enum's class name and its constants' names in write order. Against a new serializer:
   * same names in the same order, or new names only appended → as is (old indexes still mean the same);
   * reordered → after migration; a name gone → incompatible, since the snapshot cannot tell whether
   * stored data uses it (keep a removed constant, deprecated, until the state no longer holds it).
   */
  public static final class Snapshot<E extends Enum<E>> implements TypeSerializerSnapshot<E> {
    private String className;
    private String[] names;
    private transient ClassLoader classLoader;
    private transient Class<E> target;

    public Snapshot() {}

    Snapshot(EnumSerializer<E> s) {
      className = s.type.getName();
      names = s.layoutNames();
      target = s.type;
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeString(className);
      out.writeVarInt(names.length);
      for (String n : names) {
        out.writeString(n);
      }
    }

    @Override
    public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) throws IOException {
      if (version != 1) {
        throw new IOException("enum snapshot format version " + version + " is unknown");
      }
      this.classLoader = classLoader;
      className = in.readString();
      names = new String[in.readVarInt()];
      for (int i = 0; i < names.length; i++) {
        names[i] = in.readString();
      }
    }

    @Override
    public Compatibility resolveCompatibility(TypeSerializer<E> newSerializer) {
      if (!(newSerializer instanceof EnumSerializer<E> now)) {
        return Compatibility.incompatible("enum " + className + " was written as an enum index, but the job now uses "
            + newSerializer.getClass().getName() + " (" + newSerializer.typeName() + ")");
      }
      List<String> current = Arrays.asList(now.layoutNames());
      List<String> removed = new ArrayList<>();
      for (String n : names) {
        if (n != null && !current.contains(n)) {
          removed.add(n);
        }
      }
      if (!removed.isEmpty()) {
        return Compatibility.incompatible("constant(s) " + removed + " of enum " + className
            + " were removed, but stored data may hold them; keep them in the enum (e.g. deprecated)");
      }
      target = now.type;
      if (current.size() >= names.length && current.subList(0, names.length).equals(Arrays.asList(names))) {
        return Compatibility.asIs();
      }
      return Compatibility.afterMigration("constants of enum " + className + " reordered: " + Arrays.toString(names)
          + " -> " + current);
    }

    @Override
    public TypeSerializer<E> restoreSerializer() {
      Class<E> type = target != null ? target : load();
      Map<String, E> byName = new HashMap<>();
      for (E e : constantsOf(type)) {
        byName.put(e.name(), e);
      }
      E[] layout = Arrays.copyOf(constantsOf(type), names.length);
      for (int i = 0; i < names.length; i++) {
        layout[i] = byName.get(names[i]);
      }
      return new EnumSerializer<>(type, layout);
    }

    @SuppressWarnings("unchecked")
    private Class<E> load() {
      try {
        return (Class<E>) Class.forName(className, false, classLoader);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("cannot restore the serializer of enum " + className
            + ": the class is not on the job's class path", e);
      }
    }
  }
}
