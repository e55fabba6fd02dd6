package io.rivulet.api.serialization;

import java.io.IOException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Sets of E; the set and its elements may be null (one marker byte per element). Reads back a
 * {@link HashSet}; {@link #copy} is deep.
 */
public final class SetSerializer<E> implements TypeSerializer<Set<E>> {
  private static final long serialVersionUID = 1L;

  private final TypeSerializer<E> elements;

  public SetSerializer(TypeSerializer<E> elements) {
    this.elements = Objects.requireNonNull(elements, "element serializer");
  }

  public TypeSerializer<E> elementSerializer() {
    return elements;
  }

  @Override
  public void serialize(Set<E> set, DataOutputView out) throws IOException {
    if (set == null) {
      Lengths.writeNull(out);
      return;
    }
    int n = set.size();
    Lengths.write(n, out);
    int written = 0;
    for (E e : set) {
      NullableSerializer.write(elements, e, out);
      written++;
    }
    if (written != n) {
      throw new IOException("set changed while being serialized: size " + n + " but " + written + " elements");
    }
  }

  @Override
  public Set<E> deserialize(DataInputView in) throws IOException {
    int n = Lengths.read(in, 1, "set");
    if (n < 0) {
      return null;
    }
    Set<E> set = new HashSet<>(Lengths.hashCapacity(n));
    for (int i = 0; i < n; i++) {
      set.add(NullableSerializer.read(elements, in));
    }
    return set;
  }

  @Override
  public Set<E> copy(Set<E> set) {
    if (set == null) {
      return null;
    }
    if (elements.isImmutable()) {
      return new HashSet<>(set);
    }
    Set<E> copy = new HashSet<>(Lengths.hashCapacity(set.size()));
    for (E e : set) {
      copy.add(e == null ? null : elements.copy(e));
    }
    return copy;
  }

  @Override
  public boolean isImmutable() {
    return false;
  }

  @Override
  public String typeName() {
    return "Set<" + elements.typeName() + ">";
  }

  @Override
  @SuppressWarnings("unchecked")
  public Class<Set<E>> typeClass() {
    return (Class<Set<E>>) (Class<?>) Set.class;
  }

  @Override
  public TypeSerializer<Set<E>> duplicate() {
    TypeSerializer<E> d = elements.duplicate();
    return d == elements ? this : new SetSerializer<>(d);
  }

  @Override
  public TypeSerializerSnapshot<Set<E>> snapshot() {
    return new Snapshot<>(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SetSerializer<?> s && s.elements.equals(elements);
  }

  @Override
  public int hashCode() {
    return 41 + elements.hashCode();
  }

  @Override
  public String toString() {
    return typeName();
  }

  public static final class Snapshot<E> extends CompositeSerializerSnapshot<Set<E>> {
    public Snapshot() {}

    Snapshot(SetSerializer<E> s) {
      super(s.elements);
    }

    @Override
    protected Class<?> serializerClass() {
      return SetSerializer.class;
    }

    @Override
    protected TypeSerializer<?>[] nestedSerializers(TypeSerializer<Set<E>> s) {
      return new TypeSerializer<?>[] {((SetSerializer<E>) s).elements};
    }

    @Override
    @SuppressWarnings("unchecked")
    protected TypeSerializer<Set<E>> create(TypeSerializer<?>[] parts) {
      return new SetSerializer<>((TypeSerializer<E>) parts[0]);
    }

    @Override
    protected String partName(int i) {
      return "element";
    }
  }
}
