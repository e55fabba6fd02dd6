package io.rivulet.builtins.functions;

import io.rivulet.api.functions.MapFunction;

/** Hands every record on as it is (the {@code keyed-relay} built-in): no copy, no allocation. */
public record Identity<T>() implements MapFunction<T, T> {
  @Override
  public T map(T value) {
    return value;
  }
}
