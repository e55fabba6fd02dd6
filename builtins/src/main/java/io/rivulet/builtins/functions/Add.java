package io.rivulet.builtins.functions;

import io.rivulet.api.functions.MapFunction;

/** {@code x + value}, failing on overflow rather than wrapping around silently. */
public record Add(long value) implements MapFunction<Long, Long> {
  @Override
  public Long map(Long x) {
    return Math.addExact(x, value);
  }
}
