package io.rivulet.api.functions;

/** Combines two values of the same type into one; must be associative. */
@FunctionalInterface
public interface ReduceFunction<T> extends UserFunction {
  T reduce(T accumulated, T value) throws Exception;
}
