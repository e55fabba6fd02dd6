package io.rivulet.builtins.functions;

import io.rivulet.api.functions.FilterFunction;
import io.rivulet.api.functions.KeySelector;

/** Keeps records whose field, modulo {@code modulus}, equals {@code remainder} (floor modulo: never negative). */
public record ModuloEquals<T>(KeySelector<T, Long> field, long modulus, long remainder) implements FilterFunction<T> {
  @Override
  public boolean filter(T value) throws Exception {
    return Math.floorMod(field.getKey(value), modulus) == remainder;
  }
}
