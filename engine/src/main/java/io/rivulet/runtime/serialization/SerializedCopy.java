package io.rivulet.runtime.serialization;

import io.rivulet.api.graph.JobGraph;
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
 * a function are per subtask, never shared between threads. Used once per task at deployment.
 *
 * <p>Bytes from elsewhere are read only by {@link #readJobGraph}, through {@link JobGraphFilter}; {@link #copy} reads
 * back what it has just written from objects already in this JVM.
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
  private static <T> T deserialize(byte[] bytes, ClassLoader classLoader) {
    try (ObjectInputStream in = new ClassLoaderObjectInputStream(new ByteArrayInputStream(bytes), classLoader)) {
      return (T) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot deserialize job objects: " + e, e);
    }
  }

  /**
   * Reads a Java-serialized job graph (what a client submits and a job master deploys) through a
   * {@link JobGraphFilter}: only the graph model, plain JDK types and the job's own classes are read.
   *
   * @param classLoader resolves the graph's classes (the job's)
   * @param jobClasses the loader that defines the job's own classes: its JAR's; for a job without a JAR, the
   *     application's loader when the graph was built in this JVM, else null (built-ins only)
   * @throws IllegalStateException naming the refused class, or saying why the bytes are not a job graph
   */
  public static JobGraph readJobGraph(byte[] bytes, ClassLoader classLoader, ClassLoader jobClasses) {
    JobGraphFilter filter = new JobGraphFilter(jobClasses);
    Object graph;
    try (ObjectInputStream in = new ClassLoaderObjectInputStream(new ByteArrayInputStream(bytes), classLoader)) {
      in.setObjectInputFilter(filter);
      graph = in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      if (filter.refused() != null) {
        throw new IllegalStateException(filter.explain(), e);
      }
      throw new IllegalStateException("cannot read the job graph: " + e, e);
    }
    if (!(graph instanceof JobGraph g)) {
      throw new IllegalStateException("the bytes hold a " + (graph == null ? "null" : graph.getClass().getName())
          + ", not a serialized " + JobGraph.class.getName());
    }
    return g;
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
