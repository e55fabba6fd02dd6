package io.rivulet.api.windowing;

/** Fires when the subtask's wall clock reaches the end of the window; the default of processing-time assigners. */
public final class ProcessingTimeTrigger extends Trigger<Object, TimeWindow> {
  private static final ProcessingTimeTrigger INSTANCE = new ProcessingTimeTrigger();

  private ProcessingTimeTrigger() {}

  public static ProcessingTimeTrigger create() {
    return INSTANCE;
  }

  @Override
  public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx) {
    ctx.registerProcessingTimeTimer(window.maxTimestamp());
    return TriggerResult.CONTINUE;
  }

  /** onElement registers the same end-of-window timer for every element of a window. */
  @Override
  public boolean onElementOnlyRepeatsTimers() {
    return true;
  }

  @Override
  public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) {
    return time == window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }

  @Override
  public void clear(TimeWindow window, TriggerContext ctx) {
    ctx.deleteProcessingTimeTimer(window.maxTimestamp());
  }

  @Override
  public boolean canMerge() {
    return true;
  }

  @Override
  public void onMerge(TimeWindow window, OnMergeContext ctx) {
    if (window.maxTimestamp() > ctx.currentProcessingTime()) {
      ctx.registerProcessingTimeTimer(window.maxTimestamp());
    }
  }

  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return "ProcessingTimeTrigger";
  }
}
