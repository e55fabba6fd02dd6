package io.rivulet.api.windowing;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Sliding-window arithmetic shared by the event- and processing-time assigners. */
final class SlidingWindows implements Serializable {
  private final long size;
  private final long slide;
  private final long offset;

  SlidingWindows(long size, long slide, long offset) {
    this.size = size;
    this.slide = slide;
    this.offset = offset;
  }

  /** The {@code ceil(size / slide)} windows holding {@code timestamp}, latest start first. */
  List<TimeWindow> assign(long timestamp) {
    List<TimeWindow> windows = new ArrayList<>((int) ((size + slide - 1) / slide));
    long lastStart = TimeWindow.windowStart(timestamp, offset, slide);
    for (long start = lastStart; start > timestamp - size; start -= slide) {
      windows.add(new TimeWindow(start, start + size));
    }
    return windows;
  }

  @Override
  public String toString() {
    return size + " ms every " + slide + " ms, offset " + offset + " ms";
  }
}
