package io.rivulet.api.serialization;

import java.io.IOException;

/**
 * The written-down shape of a serializer, stored with checkpoints and savepoints. When a job restarts
 * with possibly changed types, the stored snapshot is read back (via {@link #writeSnapshot} / the class's
 * public no-argument constructor + {@link #readSnapshot}) and asked whether the new serializer can read
 * what the old one wrote.
 *
 * <p>Implementations need a public no-argument constructor.
 */
public interface TypeSerializerSnapshot<T> {

  /** Version of this snapshot's own format, passed back to {@link #readSnapshot}. */
  int version();

  void writeSnapshot(DataOutputView out) throws IOException;

  void readSnapshot(int version, DataInputView in, ClassLoader classLoader) throws IOException;

  /** A serializer that reads data written by the serializer this snapshot was taken of. */
  TypeSerializer<T> restoreSerializer();

  /** Whether {@code newSerializer} can read data written under this snapshot. */
  Compatibility resolveCompatibility(TypeSerializer<T> newSerializer);

  /** The outcome of {@link #resolveCompatibility}. */
  record Compatibility(Kind kind, String reason) {
    public enum Kind {
      /** The new serializer reads the old bytes directly. */
      COMPATIBLE_AS_IS,
      /** Old bytes must be read with {@link #restoreSerializer()} and rewritten with the new serializer. */
      COMPATIBLE_AFTER_MIGRATION,
      /** The data cannot be carried over; restoring fails with {@link #reason()}. */
      INCOMPATIBLE
    }

    public static Compatibility asIs() {
      return new Compatibility(Kind.COMPATIBLE_AS_IS, "");
    }

    public static Compatibility afterMigration(String reason) {
      return new Compatibility(Kind.COMPATIBLE_AFTER_MIGRATION, reason);
    }

    public static Compatibility incompatible(String reason) {
      return new Compatibility(Kind.INCOMPATIBLE, reason);
    }

    public boolean isIncompatible() {
      return kind == Kind.INCOMPATIBLE;
    }
  }
}
