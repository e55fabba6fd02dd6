package io.rivulet.api.windowing;

/**
 * Wraps a trigger so that every FIRE also purges the window's contents: each firing then sees only the
 * elements since the previous one.
 */
public final class PurgingTrigger<T, W extends Window> extends Trigger<T, W> {
  private final Trigger<T, W> nested;

  private PurgingTrigger(Trigger<T, W> nested) {
    this.nested = nested;
  }

  public static <T, W extends Window> PurgingTrigger<T, W> of(Trigger<T, W> nested) {
    if (nested == null) {
      throw new IllegalArgumentException("PurgingTrigger.of needs a trigger to wrap");
    }
    return new PurgingTrigger<>(nested);
  }

  @Override
  public TriggerResult onElement(T element, long timestamp, W window, TriggerContext ctx) throws Exception {
    return purgeOnFire(nested.onElement(element, timestamp, window, ctx));
  }

  @Override
  public TriggerResult onEventTime(long time, W window, TriggerContext ctx) throws Exception {
    return purgeOnFire(nested.onEventTime(time, window, ctx));
  }

  @Override
  public TriggerResult onProcessingTime(long time, W window, TriggerContext ctx) throws Exception {
    return purgeOnFire(nested.onProcessingTime(time, window, ctx));
  }

  @Override
  public void clear(W window, TriggerContext ctx) throws Exception {
    nested.clear(window, ctx);
  }

  @Override
  public boolean canMerge() {
    return nested.canMerge();
  }

  @Override
  public void onMerge(W window, OnMergeContext ctx) throws Exception {
    nested.onMerge(window, ctx);
  }

  public Trigger<T, W> nested() {
    return nested;
  }

  private static TriggerResult purgeOnFire(TriggerResult r) {
    return r.isFire() ? TriggerResult.FIRE_AND_PURGE : r;
  }

  @Override
  public String toString() {
    return "PurgingTrigger(" + nested + ")";
  }
}
