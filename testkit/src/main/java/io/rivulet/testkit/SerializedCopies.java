package io.rivulet.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * Fresh deserialized copies of a user function or spec, one per operator instance, as the runtime gives
 * each subtask (and each restart) its own copy. Sharing one object across the instances of adversarial
 * mode would carry state in fields across restores and hide exactly the bugs that mode looks for.
 */
final class SerializedCopies<T extends Serializable> implements Serializable {
  private final byte[] bytes;

  private SerializedCopies(byte[] bytes) {
    this.bytes = bytes;
  }

  /** @throws IllegalArgumentException if {@code value} cannot be serialized, as job submission would */
  static <T extends Serializable> SerializedCopies<T> of(T value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(out)) {
      o.writeObject(value);
    } catch (IOException e) {
      throw new IllegalArgumentException(value.getClass().getName() + " is not serializable, but functions travel"
          + " serialized inside the job graph: " + e, e);
    }
    return new SerializedCopies<>(out.toByteArray());
  }

  @SuppressWarnings("unchecked")
  T copy() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          return super.resolveClass(desc);
        }
      }
    }) {
      return (T) in.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
