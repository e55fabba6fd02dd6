package io.rivulet.api.functions;

import io.rivulet.api.state.Reducer;

/**
 * Combines two values of the same type into one; must be associative. Reducing state takes it as its {@link Reducer}.
 */
@FunctionalInterface
public interface ReduceFunction<T> extends UserFunction, Reducer<T> {
  @Override
  T reduce(T accumulated, T value) throws Exception;
}
