package io.rivulet.api.tuple;

/**
 * A pair of values, e.g. (word, count). Immutable as a record, but only as deep as its fields:
 * {@link io.rivulet.api.serialization.Types#tuple2} copies mutable fields.
 */
public record Tuple2<A, B>(A f0, B f1) {
  public static <A, B> Tuple2<A, B> of(A f0, B f1) {
    return new Tuple2<>(f0, f1);
  }

  public Tuple2<A, B> withF0(A value) {
    return new Tuple2<>(value, f1);
  }

  public Tuple2<A, B> withF1(B value) {
    return new Tuple2<>(f0, value);
  }
}
