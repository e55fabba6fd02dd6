package io.rivulet.runtime.serialization;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * Deep copies through Java serialization, resolving classes in the job's class loader. Every subtask works
 * on its own copy of the operators' user functions, as it would after shipping to another process: fields of
 * a function are per subtask, never shared between threads. Used once per task at deployment, and to ship job
 * graphs and task state between the job master and the runtimes (so both sides share it from here, below them).
 */
public final class SerializedCopy {
  private SerializedCopy() {}

  public static byte[] serialize(Serializable object) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialize " + object.getClass().getName()
          + ": user functions and everything they reference must be Serializable (" + e.getMessage() + ")", e);
    }
    return bytes.toByteArray();
  }

  @SuppressWarnings("unchecked")
  public static <T> T deserialize(byte[] bytes, ClassLoader classLoader) {
    try (ObjectInputStream in = new ClassLoaderObjectInputStream(new ByteArrayInputStream(bytes), classLoader)) {
      return (T) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot deserialize job objects: " + e, e);
    }
  }

  public static <T extends Serializable> T copy(T object, ClassLoader classLoader) {
    return deserialize(serialize(object), classLoader);
  }

  /** Resolves classes in a given loader (the job's), falling back to the platform's for JDK types. */
  public static final class ClassLoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader classLoader;

    public ClassLoaderObjectInputStream(InputStream in, ClassLoader classLoader) throws IOException {
      super(in);
      this.classLoader = classLoader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, classLoader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }
}
