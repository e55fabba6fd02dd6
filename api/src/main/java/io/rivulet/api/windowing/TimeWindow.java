package io.rivulet.api.windowing;

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
}
