package io.rivulet.api.serialization;

import java.io.IOException;
import java.util.Objects;

/**
 * Lets a serializer that cannot write null (a boxed number, an enum, a generated record) carry null: one
 * marker byte (0 = null, 1 = a value follows) before the value. Collections use the same marker for their
 * elements.
 */
public final class NullableSerializer<T> implements TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  private final TypeSerializer<T> inner;

  public NullableSerializer(TypeSerializer<T> inner) {
    this.inner = Objects.requireNonNull(inner, "inner serializer");
  }

  public TypeSerializer<T> inner() {
    return inner;
  }

  @Override
  public void serialize(T value, DataOutputView out) throws IOException {
    write(inner, value, out);
  }

  @Override
  public T deserialize(DataInputView in) throws IOException {
    return read(inner, in);
  }

  @Override
  public T copy(T value) {
    return value == null ? null : inner.copy(value);
  }

  @Override
  public boolean isImmutable() {
    return inner.isImmutable();
  }

  @Override
  public String typeName() {
    return inner.typeName() + "?";
  }

  @Override
  public Class<T> typeClass() {
    return inner.typeClass();
  }

  @Override
  public TypeSerializer<T> duplicate() {
    TypeSerializer<T> d = inner.duplicate();
    return d == inner ? this : new NullableSerializer<>(d);
  }

  @Override
  public TypeSerializerSnapshot<T> snapshot() {
    return new Snapshot<>(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NullableSerializer<?> n && n.inner.equals(inner);
  }

  @Override
  public int hashCode() {
    return 31 + inner.hashCode();
  }

  @Override
  public String toString() {
    return typeName();
  }

  static <T> void write(TypeSerializer<T> s, T value, DataOutputView out) throws IOException {
    if (value == null) {
      out.writeByte(0);
    } else {
      out.writeByte(1);
      s.serialize(value, out);
    }
  }

  static <T> T read(TypeSerializer<T> s, DataInputView in) throws IOException {
    byte marker = in.readByte();
    if (marker == 0) {
      return null;
    }
    if (marker != 1) {
      throw new IOException("malformed null marker " + marker + " before a " + s.typeName());
    }
    return s.deserialize(in);
  }

  public static final class Snapshot<T> extends CompositeSerializerSnapshot<T> {
    public Snapshot() {}

    Snapshot(NullableSerializer<T> s) {
      super(s.inner);
    }

    @Override
    protected Class<?> serializerClass() {
      return NullableSerializer.class;
    }

    @Override
    protected TypeSerializer<?>[] nestedSerializers(TypeSerializer<T> s) {
      return new TypeSerializer<?>[] {((NullableSerializer<T>) s).inner};
    }

    @Override
    @SuppressWarnings("unchecked")
    protected TypeSerializer<T> create(TypeSerializer<?>[] parts) {
      return new NullableSerializer<>((TypeSerializer<T>) parts[0]);
    }

    @Override
    protected String partName(int i) {
      return "value";
    }
  }
}
