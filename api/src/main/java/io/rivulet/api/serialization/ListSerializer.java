package io.rivulet.api.serialization;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Lists of E; the list and its elements may be null (one marker byte per element). Reads back an
 * {@link ArrayList}; {@link #copy} is deep (each element is copied unless E is immutable).
 */
public final class ListSerializer<E> implements TypeSerializer<List<E>> {
  private static final long serialVersionUID = 1L;

  private final TypeSerializer<E> elements;

  public ListSerializer(TypeSerializer<E> elements) {
    this.elements = Objects.requireNonNull(elements, "element serializer");
  }

  public TypeSerializer<E> elementSerializer() {
    return elements;
  }

  @Override
  public void serialize(List<E> list, DataOutputView out) throws IOException {
    if (list == null) {
      Lengths.writeNull(out);
      return;
    }
    int n = list.size();
    Lengths.write(n, out);
    if (list instanceof RandomAccess) {
      // index loop: no iterator allocated per record for the common ArrayList/List.of case
      for (int i = 0; i < n; i++) {
        NullableSerializer.write(elements, list.get(i), out);
      }
    } else {
      int written = 0;
      for (E e : list) {
        NullableSerializer.write(elements, e, out);
        written++;
      }
      if (written != n) {
        throw new IOException("list changed while being serialized: size " + n + " but " + written + " elements");
      }
    }
  }

  @Override
  public List<E> deserialize(DataInputView in) throws IOException {
    int n = Lengths.read(in, 1, "list");
    if (n < 0) {
      return null;
    }
    List<E> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(NullableSerializer.read(elements, in));
    }
    return list;
  }

  @Override
  public List<E> copy(List<E> list) {
    if (list == null) {
      return null;
    }
    if (elements.isImmutable()) {
      return new ArrayList<>(list);
    }
    List<E> copy = new ArrayList<>(list.size());
    for (E e : list) {
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
    return "List<" + elements.typeName() + ">";
  }

  @Override
  @SuppressWarnings("unchecked")
  public Class<List<E>> typeClass() {
    return (Class<List<E>>) (Class<?>) List.class;
  }

  @Override
  public TypeSerializer<List<E>> duplicate() {
    TypeSerializer<E> d = elements.duplicate();
    return d == elements ? this : new ListSerializer<>(d);
  }

  @Override
  public TypeSerializerSnapshot<List<E>> snapshot() {
    return new Snapshot<>(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ListSerializer<?> l && l.elements.equals(elements);
  }

  @Override
  public int hashCode() {
    return 37 + elements.hashCode();
  }

  @Override
  public String toString() {
    return typeName();
  }

  public static final class Snapshot<E> extends CompositeSerializerSnapshot<List<E>> {
    public Snapshot() {}

    Snapshot(ListSerializer<E> s) {
      super(s.elements);
    }

    @Override
    protected Class<?> serializerClass() {
      return ListSerializer.class;
    }

    @Override
    protected TypeSerializer<?>[] nestedSerializers(TypeSerializer<List<E>> s) {
      return new TypeSerializer<?>[] {((ListSerializer<E>) s).elements};
    }

    @Override
    @SuppressWarnings("unchecked")
    protected TypeSerializer<List<E>> create(TypeSerializer<?>[] parts) {
      return new ListSerializer<>((TypeSerializer<E>) parts[0]);
    }

    @Override
    protected String partName(int i) {
      return "element";
    }
  }
}
