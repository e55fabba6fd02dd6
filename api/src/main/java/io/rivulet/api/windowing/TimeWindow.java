package io.rivulet.api.windowing;

import io.rivulet.api.serialization.DataInputView;
import io.rivulet.api.serialization.DataOutputView;
import io.rivulet.api.serialization.SingletonSerializerSnapshot;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.TypeSerializerSnapshot;
import java.io.IOException;

/** The time interval {@code [start, end)}. */
public final class TimeWindow extends Window {
  private final long start;
  private final long end;

  public TimeWindow(long start, long end) {
    this.start = start;
    this.end = end;
  }

  public long start() {
    return start;
  }

  public long end() {
    return end;
  }

  @Override
  public long maxTimestamp() {
    return end - 1;
  }

  /** True if the two windows overlap or touch (used to merge session windows). */
  public boolean intersects(TimeWindow other) {
    return start <= other.end && end >= other.start;
  }

  /** The smallest window containing both. */
  public TimeWindow cover(TimeWindow other) {
    return new TimeWindow(Math.min(start, other.start), Math.max(end, other.end));
  }

  /** Start of the window of size {@code size} (shifted by {@code offset}) that holds {@code timestamp}. */
  public static long windowStart(long timestamp, long offset, long size) {
    long remainder = (timestamp - offset) % size;
    return remainder < 0 ? timestamp - (remainder + size) : timestamp - remainder;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeWindow w && w.start == start && w.end == end;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(start) * 31 + Long.hashCode(end);
  }

  @Override
  public String toString() {
    return "TimeWindow[" + start + ", " + end + ")";
  }

  /** True if {@code timestamp} falls in {@code [start, end)}. */
  public boolean contains(long timestamp) {
    return timestamp >= start && timestamp < end;
  }

  /**
   * Writes start and end as two big-endian longs: fixed width, and for windows of equal size the byte
   * order follows the time order (what RocksDB iterates in).
   */
  public static final class Serializer implements TypeSerializer<TimeWindow> {
    public static final Serializer INSTANCE = new Serializer();

    @Override
    public void serialize(TimeWindow value, DataOutputView out) throws IOException {
      out.writeLong(value.start);
      out.writeLong(value.end);
    }

    @Override
    public TimeWindow deserialize(DataInputView in) throws IOException {
      long start = in.readLong();
      return new TimeWindow(start, in.readLong());
    }

    @Override
    public TimeWindow copy(TimeWindow value) {
      return value;
    }

    @Override
    public boolean isImmutable() {
      return true;
    }

    @Override
    public String typeName() {
      return "TimeWindow";
    }

    @Override
    public Class<TimeWindow> typeClass() {
      return TimeWindow.class;
    }

    @Override
    public TypeSerializerSnapshot<TimeWindow> snapshot() {
      return new SingletonSerializerSnapshot<>(this, 1);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Serializer;
    }

    @Override
    public int hashCode() {
      return Serializer.class.hashCode();
    }
  }
}
