package io.rivulet.api.functions;

/** Keeps the records for which {@link #filter} is true. */
@FunctionalInterface
public interface FilterFunction<T> extends UserFunction {
  boolean filter(T value) throws Exception;
}
