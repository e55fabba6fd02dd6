package io.rivulet.api.serialization;

import java.io.IOException;
import java.io.Serializable;

/**
 * Turns values of one type into bytes and back. Serializers travel inside the job graph (hence
 * {@link Serializable}) and are used by one thread at a time; a serializer that keeps scratch space must
 * return a fresh instance from {@link #duplicate()}.
 *
 * <p>Where a value is written for longer than one run (checkpoints, savepoints, Kafka), the serializer's
 * {@link #snapshot()} is written beside it, so that a later version of the job can tell whether it can
 * still read it ({@link TypeSerializerSnapshot#resolveCompatibility}).
 */
public interface TypeSerializer<T> extends Serializable {

  void serialize(T value, DataOutputView out) throws IOException;

  T deserialize(DataInputView in) throws IOException;

  /** A deep copy, or the value itself when {@link #isImmutable()}. */
  T copy(T value);

  /** True when values never change after construction, so they may be shared without copying. */
  boolean isImmutable();

  /** A human-readable name of the type, used in error messages and the Web UI. */
  String typeName();

  /** The type's class, for checks at graph build time. */
  Class<T> typeClass();

  /** A serializer safe to use from another thread. Stateless serializers return {@code this}. */
  default TypeSerializer<T> duplicate() {
    return this;
  }

  /** What to write beside data that outlives this run; see {@link TypeSerializerSnapshot}. */
  TypeSerializerSnapshot<T> snapshot();
}
