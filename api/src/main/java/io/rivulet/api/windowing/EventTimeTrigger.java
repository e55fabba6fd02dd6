package io.rivulet.api.windowing;

/**
 * Fires once the watermark passes the end of the window; the default of event-time assigners. An element
 * that arrives after that (within the allowed lateness) fires the window again at once, with the updated
 * contents.
 */
public final class EventTimeTrigger extends Trigger<Object, TimeWindow> {
  private static final EventTimeTrigger INSTANCE = new EventTimeTrigger();

  private EventTimeTrigger() {}

  public static EventTimeTrigger create() {
    return INSTANCE;
  }

  @Override
  public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx) {
    if (window.maxTimestamp() <= ctx.currentWatermark()) {
      return TriggerResult.FIRE;
    }
    ctx.registerEventTimeTimer(window.maxTimestamp());
    return TriggerResult.CONTINUE;
  }

  /** onElement registers the same end-of-window timer for every element of a window. */
  @Override
  public boolean onElementOnlyRepeatsTimers() {
    return true;
  }

  @Override
  public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) {
    // other timers of the same window (e.g. the operator's cleanup timer) must not fire it
    return time == window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public void clear(TimeWindow window, TriggerContext ctx) {
    ctx.deleteEventTimeTimer(window.maxTimestamp());
  }

  @Override
  public boolean canMerge() {
    return true;
  }

  @Override
  public void onMerge(TimeWindow window, OnMergeContext ctx) {
    // a merged window whose end the watermark already passed fires with the next element, not by timer
    if (window.maxTimestamp() > ctx.currentWatermark()) {
      ctx.registerEventTimeTimer(window.maxTimestamp());
    }
  }

  /** Keeps the singleton when a job graph is deserialized. */
  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return "EventTimeTrigger";
  }
}
