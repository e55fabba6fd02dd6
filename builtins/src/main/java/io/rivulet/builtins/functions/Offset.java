package io.rivulet.builtins.functions;

import io.rivulet.api.connector.GeneratorFunction;

/** Record {@code i} of the sequence source: {@code from + i}. */
public record Offset(long from) implements GeneratorFunction<Long> {
  @Override
  public Long generate(long index) {
    return from + index;
  }
}
