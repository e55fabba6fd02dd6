package io.rivulet.api.functions;

import java.io.Serializable;
import java.util.Comparator;

/** A comparator that can travel in the job graph; used by {@code min}/{@code max}. */
@FunctionalInterface
public interface SerializableComparator<T> extends Comparator<T>, Serializable {
  static <T, U extends Comparable<? super U>> SerializableComparator<T> comparing(SerializableFunction<T, U> key) {
    return (a, b) -> key.apply(a).compareTo(key.apply(b));
  }

  /** A function that can travel in the job graph. */
  @FunctionalInterface
  interface SerializableFunction<T, R> extends Serializable {
    R apply(T value);
  }
}
