package io.rivulet.api.windowing;

import io.rivulet.api.serialization.TypeSerializer;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;

/**
 * Per key, a session lasts while records keep coming less than {@code gap} apart in event time: each
 * record opens the window {@code [t, t + gap)} and overlapping windows merge. Merging reads the key's
 * open sessions on every record, so keep the number of concurrently open sessions per key small.
 */
public final class EventTimeSessionWindows extends MergingWindowAssigner<Object, TimeWindow> {
  private final long gap;

  private EventTimeSessionWindows(long gap) {
    this.gap = gap;
  }

  public static EventTimeSessionWindows withGap(Duration gap) {
    return new EventTimeSessionWindows(WindowSizes.positiveMillis("session gap", gap));
  }

  @Override
  public Collection<TimeWindow> assignWindows(Object element, long timestamp, Context context) {
    long t = WindowSizes.requireTimestamp(timestamp, "EventTimeSessionWindows");
    return Collections.singletonList(new TimeWindow(t, t + gap));
  }

  @Override
  public void mergeWindows(Collection<TimeWindow> windows, MergeCallback<TimeWindow> callback) {
    SessionMerging.mergeWindows(windows, callback);
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
    return "EventTimeSessionWindows(gap " + gap + " ms)";
  }
}
