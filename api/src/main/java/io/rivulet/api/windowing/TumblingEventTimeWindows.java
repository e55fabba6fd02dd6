package io.rivulet.api.windowing;

import io.rivulet.api.serialization.TypeSerializer;
import java.time.Duration;
import java.util.Collection;

/**
 * Fixed-size, non-overlapping windows by event time: each record falls into exactly one window
 * {@code [start, start + size)}, with starts at multiples of the size (shifted by the offset).
 *
 * <pre>{@code
 * keyed.window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
 * }</pre>
 */
public final class TumblingEventTimeWindows extends WindowAssigner<Object, TimeWindow> {
  private final TumblingWindows windows;

  private TumblingEventTimeWindows(long size, long offset) {
    this.windows = new TumblingWindows(size, offset);
  }

  public static TumblingEventTimeWindows of(Duration size) {
    return of(size, Duration.ZERO);
  }

  /** @param offset shifts the window starts, e.g. {@code -8h} for days in UTC+8; smaller than {@code size} */
  public static TumblingEventTimeWindows of(Duration size, Duration offset) {
    long s = WindowSizes.positiveMillis("tumbling window size", size);
    return new TumblingEventTimeWindows(s, WindowSizes.offsetMillis(offset, s));
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, Context context) {
    return windows.assign(WindowSizes.requireTimestamp(timestamp, "TumblingEventTimeWindows"));
  }

  @Override
  public Trigger<Object, TimeWindow> defaultTrigger() {
    return EventTimeTrigger.create();
  }

  @Override
  public TypeSerializer<TimeWindow> windowSerializer() {
    return TimeWindow.Serializer.INSTANCE;
  }

  @Override
  public boolean isEventTime() {
    return true;
  }

  @Override
  public String toString() {
    return "TumblingEventTimeWindows(" + windows.size() + " ms, offset " + windows.offset() + " ms)";
  }
}
