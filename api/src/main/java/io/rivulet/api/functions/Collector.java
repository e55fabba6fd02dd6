package io.rivulet.api.functions;

/**
 * Where a function emits records. The record is handed over: do not modify an object after collecting it,
 * because a downstream task in the same JVM may already be reading it.
 */
@FunctionalInterface
public interface Collector<T> {
  void collect(T record);
}
