package io.rivulet.kafka;

import io.rivulet.api.connector.ReaderOutput;
import java.util.ArrayList;
import java.util.List;

/** A reader output that remembers everything in order: records with timestamps, watermarks, idleness. */
final class RecordingReaderOutput<T> implements ReaderOutput<T> {
  /** One thing the reader emitted. */
  record Event(String kind, Object value, long time) {}

  final List<Event> events = new ArrayList<>();
  final List<T> records = new ArrayList<>();
  final List<Long> timestamps = new ArrayList<>();
  final List<Long> watermarks = new ArrayList<>();
  boolean idle;

  @Override
  public void collect(T record) {
    collect(record, Long.MIN_VALUE);
  }

  @Override
  public void collect(T record, long timestamp) {
    records.add(record);
    timestamps.add(timestamp);
    events.add(new Event("record", record, timestamp));
  }

  @Override
  public void emitWatermark(long watermark) {
    idle = false;
    watermarks.add(watermark);
    events.add(new Event("watermark", null, watermark));
  }

  @Override
  public void markIdle() {
    idle = true;
    events.add(new Event("idle", null, 0));
  }

  long lastWatermark() {
    return watermarks.isEmpty() ? Long.MIN_VALUE : watermarks.get(watermarks.size() - 1);
  }
}
