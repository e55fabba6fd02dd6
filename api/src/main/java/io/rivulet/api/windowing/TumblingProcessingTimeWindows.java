package io.rivulet.api.windowing;

import io.rivulet.api.serialization.TypeSerializer;
import java.time.Duration;
import java.util.Collection;

/**
 * Fixed-size, non-overlapping windows by the wall clock of the subtask: a record goes into the window that
 * holds the processing time at which it arrives, whatever its timestamp. Results depend on when records
 * arrive, so they differ between runs.
 */
public final class TumblingProcessingTimeWindows extends WindowAssigner<Object, TimeWindow> {
  private final TumblingWindows windows;

  private TumblingProcessingTimeWindows(long size, long offset) {
    this.windows = new TumblingWindows(size, offset);
  }

  public static TumblingProcessingTimeWindows of(Duration size) {
    return of(size, Duration.ZERO);
  }

  public static TumblingProcessingTimeWindows of(Duration size, Duration offset) {
    long s = WindowSizes.positiveMillis("tumbling window size", size);
    return new TumblingProcessingTimeWindows(s, WindowSizes.offsetMillis(offset, s));
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
    return "TumblingProcessingTimeWindows(" + windows.size() + " ms, offset " + windows.offset() + " ms)";
  }
}
