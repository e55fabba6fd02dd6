package io.rivulet.api.functions;

/** Returns a copy of a record with a long field replaced; used by {@code sum}. */
@FunctionalInterface
public interface WithLongFunction<T> extends UserFunction {
  T with(T value, long field);
}
