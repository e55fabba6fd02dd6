package io.rivulet.api.windowing;

import io.rivulet.api.state.State;
import io.rivulet.api.state.StateDescriptor;
import java.io.Serializable;

/**
 * Decides when a window is evaluated (fired) and when its contents are dropped (purged). A trigger is
 * called for one (key, window) at a time; what it must remember goes into partitioned state from the
 * context, never into fields.
 */
public abstract class Trigger<T, W extends Window> implements Serializable {

  public abstract TriggerResult onElement(T element, long timestamp, W window, TriggerContext ctx)
      throws Exception;

  public abstract TriggerResult onEventTime(long time, W window, TriggerContext ctx) throws Exception;

  public abstract TriggerResult onProcessingTime(long time, W window, TriggerContext ctx) throws Exception;

  /** Removes timers and state this trigger holds for {@code window}. */
  public abstract void clear(W window, TriggerContext ctx) throws Exception;

  /**
   * True if, for a window that already holds elements, {@link #onElement} does nothing but register again
   * the timers it registered for the window's first element, and returns CONTINUE while the window's end is
   * ahead of the watermark. The window operator then skips the call for such elements (a hot-path saving:
   * two timer lookups per record). Only return true if that holds; the default is false.
   */
  public boolean onElementOnlyRepeatsTimers() {
    return false;
  }

  /** True if this trigger supports merging windows (session windows). */
  public boolean canMerge() {
    return false;
  }

  /** Called when windows merged into {@code window}; re-register timers for it. */
  public void onMerge(W window, OnMergeContext ctx) throws Exception {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support merging windows");
  }

  public interface TriggerContext {
    long currentProcessingTime();

    long currentWatermark();

    void registerEventTimeTimer(long time);

    void registerProcessingTimeTimer(long time);

    void deleteEventTimeTimer(long time);

    void deleteProcessingTimeTimer(long time);

    /** State of this trigger scoped to the current key and window. */
    <S extends State> S getPartitionedState(StateDescriptor<S, ?> descriptor);
  }

  public interface OnMergeContext extends TriggerContext {
    /** Merges the given state of the merged windows into the merge result's state (reducing/aggregating/list). */
    void mergePartitionedState(StateDescriptor<?, ?> descriptor);
  }
}
