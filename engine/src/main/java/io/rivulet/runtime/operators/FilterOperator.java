package io.rivulet.runtime.operators;

import io.rivulet.api.functions.FilterFunction;

public final class FilterOperator<T> extends UdfOperator<FilterFunction<T>, T> implements OneInputOperator<T, T> {
  public FilterOperator(FilterFunction<T> function) {
    super(function);
  }

  @Override
  public void processElement(T value, long timestamp) throws Exception {
    if (function.filter(value)) {
      output.collect(value, timestamp);
    }
  }
}
