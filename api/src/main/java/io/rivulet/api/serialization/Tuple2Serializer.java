package io.rivulet.api.serialization;

import io.rivulet.api.tuple.Tuple2;
import java.io.IOException;
import java.util.Objects;

/**
 * {@link Tuple2}s: f0 then f1, each with its own serializer and no marker of its own (wrap a part in
 * {@link Types#nullable} when it may be null). Immutable when both parts are.
 */
public final class Tuple2Serializer<A, B> implements TypeSerializer<Tuple2<A, B>> {
  private static final long serialVersionUID = 1L;

  private final TypeSerializer<A> first;
  private final TypeSerializer<B> second;
  private final boolean immutable;

  public Tuple2Serializer(TypeSerializer<A> first, TypeSerializer<B> second) {
    this.first = Objects.requireNonNull(first, "f0 serializer");
    this.second = Objects.requireNonNull(second, "f1 serializer");
    this.immutable = first.isImmutable() && second.isImmutable();
  }

  public TypeSerializer<A> firstSerializer() {
    return first;
  }

  public TypeSerializer<B> secondSerializer() {
    return second;
  }

  @Override
  public void serialize(Tuple2<A, B> value, DataOutputView out) throws IOException {
    first.serialize(value.f0(), out);
    second.serialize(value.f1(), out);
  }

  @Override
  public Tuple2<A, B> deserialize(DataInputView in) throws IOException {
    A a = first.deserialize(in);
    return new Tuple2<>(a, second.deserialize(in));
  }

  @Override
  public Tuple2<A, B> copy(Tuple2<A, B> value) {
    if (immutable) {
      return value;
    }
    A a = value.f0();
    B b = value.f1();
    return new Tuple2<>(a == null ? null : first.copy(a), b == null ? null : second.copy(b));
  }

  @Override
  public boolean isImmutable() {
    return immutable;
  }

  @Override
  public String typeName() {
    return "Tuple2<" + first.typeName() + ", " + second.typeName() + ">";
  }

  @Override
  @SuppressWarnings("unchecked")
  public Class<Tuple2<A, B>> typeClass() {
    return (Class<Tuple2<A, B>>) (Class<?>) Tuple2.class;
  }

  @Override
  public TypeSerializer<Tuple2<A, B>> duplicate() {
    TypeSerializer<A> a = first.duplicate();
    TypeSerializer<B> b = second.duplicate();
    return a == first && b == second ? this : new Tuple2Serializer<>(a, b);
  }

  @Override
  public TypeSerializerSnapshot<Tuple2<A, B>> snapshot() {
    return new Snapshot<>(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tuple2Serializer<?, ?> t && t.first.equals(first) && t.second.equals(second);
  }

  @Override
  public int hashCode() {
    return 43 * first.hashCode() + second.hashCode();
  }

  @Override
  public String toString() {
    return typeName();
  }

  public static final class Snapshot<A, B> extends CompositeSerializerSnapshot<Tuple2<A, B>> {
    public Snapshot() {}

    Snapshot(Tuple2Serializer<A, B> s) {
      super(s.first, s.second);
    }

    @Override
    protected Class<?> serializerClass() {
      return Tuple2Serializer.class;
    }

    @Override
    protected TypeSerializer<?>[] nestedSerializers(TypeSerializer<Tuple2<A, B>> s) {
      Tuple2Serializer<A, B> t = (Tuple2Serializer<A, B>) s;
      return new TypeSerializer<?>[] {t.first, t.second};
    }

    @Override
    @SuppressWarnings("unchecked")
    protected TypeSerializer<Tuple2<A, B>> create(TypeSerializer<?>[] parts) {
      return new Tuple2Serializer<>((TypeSerializer<A>) parts[0], (TypeSerializer<B>) parts[1]);
    }

    @Override
    protected String partName(int i) {
      return "f" + i;
    }
  }
}
