package io.rivulet.runtime.operators.windowing;

import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.State;
import io.rivulet.api.state.StateDescriptor;
import io.rivulet.api.windowing.Trigger;
import io.rivulet.api.windowing.Window;
import io.rivulet.runtime.state.InternalKvState;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.timers.InternalTimerService;
import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The one trigger context of a window operator, re-pointed at a window before each trigger call (the key
 * is the backend's current key), so that calling a trigger allocates nothing. Owned by the task thread.
 *
 * <p>It also remembers the last timer the trigger registered for the current window, so that the operator
 * can skip registering an identical cleanup timer (with zero allowed lateness the end-of-window timer and
 * the cleanup timer are the same timer).
 */
final class WindowTriggerContext<W extends Window> implements Trigger.OnMergeContext {
  private final KeyedStateBackend<?> backend;
  private final InternalTimerService<W> timers;
  private final TypeSerializer<W> windowSerializer;
  private final LongSupplier watermark;

  private W window;
  private Collection<W> mergedWindows = List.of();
  private W lastTimerWindow;
  private long lastTimerTime;
  private boolean lastTimerEventTime;

  WindowTriggerContext(KeyedStateBackend<?> backend, InternalTimerService<W> timers,
      TypeSerializer<W> windowSerializer, LongSupplier watermark) {
    this.backend = backend;
    this.timers = timers;
    this.windowSerializer = windowSerializer;
    this.watermark = watermark;
  }

  /** Points the context at {@code window} and forgets the remembered timer. */
  void setWindow(W window) {
    this.window = window;
    this.lastTimerWindow = null;
  }

  /** The windows being merged into the current window, for {@link #mergePartitionedState}. */
  void setMergedWindows(Collection<W> mergedWindows) {
    this.mergedWindows = mergedWindows;
  }

  /** True if, since {@link #setWindow}, the trigger registered exactly this timer for the current window. */
  boolean registeredSinceSetWindow(long time, boolean eventTime) {
    return lastTimerWindow == window && lastTimerTime == time && lastTimerEventTime == eventTime;
  }

  @Override
  public long currentProcessingTime() {
    return timers.currentProcessingTime();
  }

  @Override
  public long currentWatermark() {
    return watermark.getAsLong();
  }

  @Override
  public void registerEventTimeTimer(long time) {
    timers.registerEventTimeTimer(window, time);
    remember(time, true);
  }

  @Override
  public void registerProcessingTimeTimer(long time) {
    timers.registerProcessingTimeTimer(window, time);
    remember(time, false);
  }

  @Override
  public void deleteEventTimeTimer(long time) {
    timers.deleteEventTimeTimer(window, time);
    forget(time, true);
  }

  @Override
  public void deleteProcessingTimeTimer(long time) {
    timers.deleteProcessingTimeTimer(window, time);
    forget(time, false);
  }

  private void remember(long time, boolean eventTime) {
    lastTimerWindow = window;
    lastTimerTime = time;
    lastTimerEventTime = eventTime;
  }

  private void forget(long time, boolean eventTime) {
    if (registeredSinceSetWindow(time, eventTime)) {
      lastTimerWindow = null;
    }
  }

  @Override
  public <S extends State> S getPartitionedState(StateDescriptor<S, ?> descriptor) {
    S state = backend.getOrCreateState(descriptor, windowSerializer);
    namespaced(state).setCurrentNamespace(window);
    return state;
  }

  @Override
  public void mergePartitionedState(StateDescriptor<?, ?> descriptor) {
    if (mergedWindows.isEmpty()) {
      return;
    }
    State state = backend.getOrCreateState(descriptor, windowSerializer);
    try {
      namespaced(state).mergeNamespaces(window, mergedWindows);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("could not merge trigger state " + descriptor + " into " + window, e);
    }
  }

  @SuppressWarnings("unchecked")
  private InternalKvState<W> namespaced(State state) {
    return (InternalKvState<W>) state;
  }
}
