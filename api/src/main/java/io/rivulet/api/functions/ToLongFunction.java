package io.rivulet.api.functions;

/** Reads a long field of a record; used by {@code sum}. */
@FunctionalInterface
public interface ToLongFunction<T> extends UserFunction {
  long applyAsLong(T value);
}
