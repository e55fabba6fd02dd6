package io.rivulet.api.windowing;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;

/**
 * Tumbling-window arithmetic shared by the event- and processing-time assigners. Assigning is on the
 * per-record path, so the last assigned window is kept (as a ready-made singleton list) and returned again
 * while timestamps stay inside it: in-order streams then allocate nothing per record.
 */
final class TumblingWindows implements Serializable {
  private final long size;
  private final long offset;
  /**
   * The last result. One reference, read once per call and pointing to an immutable list of an immutable
   * window, so even an instance shared by several task threads only ever sees a consistent value.
   */
  private transient List<TimeWindow> last;

  TumblingWindows(long size, long offset) {
    this.size = size;
    this.offset = offset;
  }

  List<TimeWindow> assign(long timestamp) {
    List<TimeWindow> cached = last;
    if (cached != null && cached.get(0).contains(timestamp)) {
      return cached;
    }
    long start = TimeWindow.windowStart(timestamp, offset, size);
    List<TimeWindow> fresh = Collections.singletonList(new TimeWindow(start, start + size));
    last = fresh;
    return fresh;
  }

  long size() {
    return size;
  }

  long offset() {
    return offset;
  }
}
