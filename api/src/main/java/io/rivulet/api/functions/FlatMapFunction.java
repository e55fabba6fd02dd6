package io.rivulet.api.functions;

/** One record in, any number out. */
@FunctionalInterface
public interface FlatMapFunction<T, R> extends UserFunction {
  void flatMap(T value, Collector<R> out) throws Exception;
}
