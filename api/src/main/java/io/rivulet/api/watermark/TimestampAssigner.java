package io.rivulet.api.watermark;

import java.io.Serializable;

/** Extracts a record's event time in epoch milliseconds. */
@FunctionalInterface
public interface TimestampAssigner<T> extends Serializable {
  /** @param recordTimestamp the timestamp the record already has, or {@link Long#MIN_VALUE} */
  long extractTimestamp(T element, long recordTimestamp);
}
