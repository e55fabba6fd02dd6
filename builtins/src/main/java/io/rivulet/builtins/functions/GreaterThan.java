package io.rivulet.builtins.functions;

import io.rivulet.api.functions.FilterFunction;
import io.rivulet.api.functions.KeySelector;

/** Keeps records whose field is greater than {@code value}. */
public record GreaterThan<T>(KeySelector<T, Long> field, long value) implements FilterFunction<T> {
  @Override
  public boolean filter(T record) throws Exception {
    return field.getKey(record) > value;
  }
}
