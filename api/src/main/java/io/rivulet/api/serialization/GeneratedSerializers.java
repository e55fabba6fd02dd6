package io.rivulet.api.serialization;

/**
 * Finds the serializer rivulet-codegen generated for a {@link GenerateSerializer} type. The convention:
 * same package, the names of the enclosing classes and the class joined by {@code _}, then
 * {@code _RivuletSerializer}; so {@code pkg.Outer$Inner} → {@code pkg.Outer_Inner_RivuletSerializer}. It is
 * loaded from the type's own class loader (a job's types live in the job's class loader), once, when the
 * graph is built.
 */
final class GeneratedSerializers {
  static final String SUFFIX = "_RivuletSerializer";

  private GeneratedSerializers() {}

  static String serializerClassName(Class<?> type) {
    StringBuilder name = new StringBuilder(type.getSimpleName());
    for (Class<?> c = type.getEnclosingClass(); c != null; c = c.getEnclosingClass()) {
      name.insert(0, '_').insert(0, c.getSimpleName());
    }
    String pkg = type.getPackageName();
    return (pkg.isEmpty() ? "" : pkg + ".") + name + SUFFIX;
  }

  @SuppressWarnings("unchecked")
  static <T> TypeSerializer<T> load(Class<T> type) {
    String name = serializerClassName(type);
    Class<?> cls;
    try {
      cls = Class.forName(name, true, type.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new MissingSerializerException("no serializer for type " + type.getName()
          + ": it is annotated with @GenerateSerializer, but its generated serializer " + name
          + " is not on the class path; compile it with the annotation processor io.rivulet:rivulet-codegen"
          + " (add it to the compiler's annotationProcessorPaths)");
    }
    TypeSerializer<?> s = instantiate(cls, type.getName());
    if (s.typeClass() != type) {
      throw new MissingSerializerException(name + " serializes " + s.typeClass().getName() + ", not " + type.getName()
          + "; two classes map to the same generated name (rename one of them)");
    }
    return (TypeSerializer<T>) s;
  }

  static TypeSerializer<?> instantiate(String className, ClassLoader loader, String typeName) {
    try {
      return instantiate(Class.forName(className, true, loader), typeName);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the generated serializer " + className + " of " + typeName
          + " is not on the job's class path", e);
    }
  }

  /** The class's static {@code INSTANCE}, else a new instance from its public no-argument constructor. */
  private static TypeSerializer<?> instantiate(Class<?> cls, String typeName) {
    try {
      Object s;
      try {
        s = cls.getField("INSTANCE").get(null);
      } catch (NoSuchFieldException e) {
        s = cls.getConstructor().newInstance();
      }
      if (!(s instanceof TypeSerializer<?> serializer)) {
        throw new IllegalStateException(cls.getName() + " is not a TypeSerializer");
      }
      return serializer;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot instantiate the generated serializer " + cls.getName() + " of "
          + typeName + ": it needs a public static INSTANCE field or a public no-argument constructor", e);
    }
  }
}
