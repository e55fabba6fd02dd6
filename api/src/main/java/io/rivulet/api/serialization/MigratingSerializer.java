package io.rivulet.api.serialization;

import java.io.IOException;
import java.util.Arrays;

/**
 * Reads data written under an older layout of a generated type and produces instances of the current
 * class: each old field is read with a serializer for its old encoding, then either kept (placed at its
 * new position) or dropped; fields the old layout lacked are passed as absent. It only reads: writing goes
 * through the current serializer, so that nothing new is ever written in an old layout.
 */
final class MigratingSerializer<T> implements TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  private final GeneratedSerializer<T> target;
  private final TypeSerializer<?>[] oldFieldReaders;
  /** Position in the target's fields of each old field, -1 for a removed one. */
  private final int[] targetIndex;

  MigratingSerializer(GeneratedSerializer<T> target, TypeSerializer<?>[] oldFieldReaders, int[] targetIndex) {
    this.target = target;
    this.oldFieldReaders = oldFieldReaders;
    this.targetIndex = targetIndex;
  }

  @Override
  public T deserialize(DataInputView in) throws IOException {
    Object[] values = new Object[target.fields().size()];
    Arrays.fill(values, GeneratedSerializer.ABSENT);
    for (int i = 0; i < oldFieldReaders.length; i++) {
      Object v = oldFieldReaders[i].deserialize(in);
      if (targetIndex[i] >= 0) {
        values[targetIndex[i]] = v;
      }
    }
    return target.fromFields(values);
  }

  @Override
  public void serialize(T value, DataOutputView out) {
    throw new UnsupportedOperationException("this serializer only reads data of " + target.typeName()
        + " written under an older layout; write with the job's current serializer");
  }

  @Override
  public T copy(T value) {
    return target.copy(value);
  }

  @Override
  public boolean isImmutable() {
    return target.isImmutable();
  }

  @Override
  public String typeName() {
    return target.typeName();
  }

  @Override
  public Class<T> typeClass() {
    return target.typeClass();
  }

  @Override
  public TypeSerializer<T> duplicate() {
    TypeSerializer<?>[] readers = new TypeSerializer<?>[oldFieldReaders.length];
    boolean same = true;
    for (int i = 0; i < readers.length; i++) {
      readers[i] = oldFieldReaders[i].duplicate();
      same &= readers[i] == oldFieldReaders[i];
    }
    return same ? this : new MigratingSerializer<>(target, readers, targetIndex);
  }

  /** The current layout's snapshot: data is rewritten with the current serializer, never in the old layout. */
  @Override
  public TypeSerializerSnapshot<T> snapshot() {
    return target.snapshot();
  }
}
