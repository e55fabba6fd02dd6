package io.rivulet.api.windowing;

import io.rivulet.api.serialization.TypeSerializer;
import java.time.Duration;
import java.util.Collection;

/** Sliding windows by the subtask's wall clock at the time a record arrives; see {@link SlidingEventTimeWindows}. */
public final class SlidingProcessingTimeWindows extends WindowAssigner<Object, TimeWindow> {
  private final SlidingWindows windows;

  private SlidingProcessingTimeWindows(SlidingWindows windows) {
    this.windows = windows;
  }

  public static SlidingProcessingTimeWindows of(Duration size, Duration slide) {
    return of(size, slide, Duration.ZERO);
  }

  public static SlidingProcessingTimeWindows of(Duration size, Duration slide, Duration offset) {
    long s = WindowSizes.positiveMillis("sliding window size", size);
    long sl = WindowSizes.positiveMillis("sliding window slide", slide);
    return new SlidingProcessingTimeWindows(new SlidingWindows(s, sl, WindowSizes.offsetMillis(offset, sl)));
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, Context context) {
    return windows.assign(context.currentProcessingTime());
  }

  @Override
  public Trigger<Object, TimeWindow> defaultTrigger() {
    return ProcessingTimeTrigger.create();
  }

  @Override
  public TypeSerializer<TimeWindow> windowSerializer() {
    return TimeWindow.Serializer.INSTANCE;
  }

  @Override
  public boolean isEventTime() {
    return false;
  }

  @Override
  public String toString() {
    return "SlidingProcessingTimeWindows(" + windows + ")";
  }
}
