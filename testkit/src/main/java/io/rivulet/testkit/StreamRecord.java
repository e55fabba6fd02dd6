package io.rivulet.testkit;

import io.rivulet.runtime.operators.Output;

/**
 * A record an operator emitted (or a harness is fed), with its timestamp; {@link Output#NO_TIMESTAMP} when
 * it has none. Compared by value, so expected outputs can be written as lists of these.
 */
public record StreamRecord<T>(T value, long timestamp) {
  public static <T> StreamRecord<T> of(T value, long timestamp) {
    return new StreamRecord<>(value, timestamp);
  }

  public static <T> StreamRecord<T> withoutTimestamp(T value) {
    return new StreamRecord<>(value, Output.NO_TIMESTAMP);
  }

  public boolean hasTimestamp() {
    return timestamp != Output.NO_TIMESTAMP;
  }

  @Override
  public String toString() {
    return hasTimestamp() ? value + "@" + timestamp : String.valueOf(value);
  }
}
