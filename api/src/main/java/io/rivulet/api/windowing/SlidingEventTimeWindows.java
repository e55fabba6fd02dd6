package io.rivulet.api.windowing;

import io.rivulet.api.serialization.TypeSerializer;
import java.time.Duration;
import java.util.Collection;

/**
 * Windows of a fixed size that start every {@code slide} by event time, so a record belongs to
 * {@code size / slide} windows. Costs that many state updates per record: for a large ratio, prefer a
 * tumbling window of the slide and combine downstream.
 */
public final class SlidingEventTimeWindows extends WindowAssigner<Object, TimeWindow> {
  private final SlidingWindows windows;

  private SlidingEventTimeWindows(SlidingWindows windows) {
    this.windows = windows;
  }

  public static SlidingEventTimeWindows of(Duration size, Duration slide) {
    return of(size, slide, Duration.ZERO);
  }

  public static SlidingEventTimeWindows of(Duration size, Duration slide, Duration offset) {
    long s = WindowSizes.positiveMillis("sliding window size", size);
    long sl = WindowSizes.positiveMillis("sliding window slide", slide);
    return new SlidingEventTimeWindows(new SlidingWindows(s, sl, WindowSizes.offsetMillis(offset, sl)));
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, Context context) {
    return windows.assign(WindowSizes.requireTimestamp(timestamp, "SlidingEventTimeWindows"));
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
    return "SlidingEventTimeWindows(" + windows + ")";
  }
}
