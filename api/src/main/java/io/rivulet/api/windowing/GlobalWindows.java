package io.rivulet.api.windowing;

import io.rivulet.api.serialization.TypeSerializer;
import java.util.Collection;
import java.util.List;

/**
 * Puts every record of a key into the one {@link GlobalWindow}. Its default trigger never fires, so set one
 * ({@code .trigger(CountTrigger.of(100))}); the window is never cleaned up, so purge with the trigger
 * ({@link PurgingTrigger}) or the state grows forever.
 */
public final class GlobalWindows extends WindowAssigner<Object, GlobalWindow> {
  private static final List<GlobalWindow> ONLY = List.of(GlobalWindow.INSTANCE);

  private GlobalWindows() {}

  public static GlobalWindows create() {
    return new GlobalWindows();
  }

  @Override
  public Collection<GlobalWindow> assignWindows(Object element, long timestamp, Context context) {
    return ONLY;
  }

  @Override
  public Trigger<Object, GlobalWindow> defaultTrigger() {
    return new NeverTrigger();
  }

  @Override
  public TypeSerializer<GlobalWindow> windowSerializer() {
    return GlobalWindow.Serializer.INSTANCE;
  }

  @Override
  public boolean isEventTime() {
    return false;
  }

  @Override
  public String toString() {
    return "GlobalWindows";
  }

  /** The default trigger of global windows: never fires, holds no timers or state. */
  public static final class NeverTrigger extends Trigger<Object, GlobalWindow> {
    @Override
    public TriggerResult onElement(Object element, long timestamp, GlobalWindow window, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, GlobalWindow window, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, GlobalWindow window, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(GlobalWindow window, TriggerContext ctx) {}

    @Override
    public boolean canMerge() {
      return true;
    }

    @Override
    public void onMerge(GlobalWindow window, OnMergeContext ctx) {}

    @Override
    public String toString() {
      return "NeverTrigger";
    }
  }
}
