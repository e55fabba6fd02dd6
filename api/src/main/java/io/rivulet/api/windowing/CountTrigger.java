package io.rivulet.api.windowing;

import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.Reducer;
import io.rivulet.api.state.ReducingState;
import io.rivulet.api.state.ReducingStateDescriptor;

/**
 * Fires every {@code n} elements of a window. The count is kept in the trigger's partitioned state (per
 * key and window), so it is checkpointed and, for session windows, summed when windows merge.
 */
public final class CountTrigger<W extends Window> extends Trigger<Object, W> {
  private final long maxCount;
  private final ReducingStateDescriptor<Long> countDescriptor =
      new ReducingStateDescriptor<>("count-trigger", new Sum(), Types.LONG);

  private CountTrigger(long maxCount) {
    this.maxCount = maxCount;
  }

  public static <W extends Window> CountTrigger<W> of(long n) {
    if (n < 1) {
      throw new IllegalArgumentException("a count trigger needs a count of at least 1, was " + n);
    }
    return new CountTrigger<>(n);
  }

  @Override
  public TriggerResult onElement(Object element, long timestamp, W window, TriggerContext ctx) {
    ReducingState<Long> count = ctx.getPartitionedState(countDescriptor);
    count.add(1L);
    if (count.get() >= maxCount) {
      count.clear();
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onEventTime(long time, W window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, W window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public void clear(W window, TriggerContext ctx) {
    ctx.getPartitionedState(countDescriptor).clear();
  }

  @Override
  public boolean canMerge() {
    return true;
  }

  @Override
  public void onMerge(W window, OnMergeContext ctx) {
    // the merged count fires with the next element once it reaches the limit
    ctx.mergePartitionedState(countDescriptor);
  }

  @Override
  public String toString() {
    return "CountTrigger(" + maxCount + ")";
  }

  /** A named class, not a lambda, so the serialized job graph stays stable across compilations. */
  private static final class Sum implements Reducer<Long> {
    @Override
    public Long reduce(Long a, Long b) {
      return a + b;
    }
  }
}
