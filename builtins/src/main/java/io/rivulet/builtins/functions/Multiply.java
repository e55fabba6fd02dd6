package io.rivulet.builtins.functions;

import io.rivulet.api.functions.MapFunction;

/** {@code x * by}, failing on overflow rather than wrapping around silently. */
public record Multiply(long by) implements MapFunction<Long, Long> {
  @Override
  public Long map(Long value) {
    return Math.multiplyExact(value, by);
  }
}
