package io.rivulet.api.functions;

/** The reduce functions behind {@code sum}, {@code min} and {@code max}. */
public final class Reductions {
  private Reductions() {}

  /** Keeps the latest record with the field summed over all records so far. */
  public static <T> ReduceFunction<T> sum(ToLongFunction<T> field, WithLongFunction<T> with) {
    return (acc, value) -> with.with(value, field.applyAsLong(acc) + field.applyAsLong(value));
  }

  /** Keeps the smallest record; the earlier one on ties. */
  public static <T> ReduceFunction<T> min(SerializableComparator<T> order) {
    return (acc, value) -> order.compare(value, acc) < 0 ? value : acc;
  }

  /** Keeps the largest record; the earlier one on ties. */
  public static <T> ReduceFunction<T> max(SerializableComparator<T> order) {
    return (acc, value) -> order.compare(value, acc) > 0 ? value : acc;
  }
}
