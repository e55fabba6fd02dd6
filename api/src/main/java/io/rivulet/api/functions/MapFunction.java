package io.rivulet.api.functions;

/** One record in, one record out. */
@FunctionalInterface
public interface MapFunction<T, R> extends UserFunction {
  R map(T value) throws Exception;
}
