package io.rivulet.api.state;

import java.io.Serializable;

/**
 * What a {@link ReducingState} applies to each value added: combines two values of the same type into one; must be
 * associative. Job authors pass a {@link io.rivulet.api.functions.ReduceFunction}, which is one; the interface is here
 * so that state descriptors do not depend on the function interfaces (which give functions access to state).
 */
@FunctionalInterface
public interface Reducer<T> extends Serializable {
  T reduce(T accumulated, T value) throws Exception;
}
