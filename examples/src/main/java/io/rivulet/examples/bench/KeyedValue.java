package io.rivulet.examples.bench;

import io.rivulet.api.serialization.GenerateSerializer;

/** The window benchmark's record: Flink's {@code Tuple3<Long, Long, Long>} (key, timestamp, value). */
@GenerateSerializer
public record KeyedValue(long key, long timestamp, long value) {
  public KeyedValue withValue(long v) {
    return new KeyedValue(key, timestamp, v);
  }
}
