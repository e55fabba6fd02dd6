package io.rivulet.runtime.operators.windowing;

import io.rivulet.api.functions.OutputTag;
import io.rivulet.api.functions.ProcessWindowFunction;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.KeyedStateStore;
import io.rivulet.api.windowing.Window;
import io.rivulet.runtime.operators.Output;
import io.rivulet.runtime.state.BackendStateStore;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.state.VoidNamespace;
import io.rivulet.runtime.timers.InternalTimerService;
import java.util.function.LongSupplier;

/**
 * The {@link ProcessWindowFunction.Context} of a window operator; one instance, re-pointed at the window
 * being emitted or cleared. Owned by the task thread.
 */
final class WindowFunctionContext<W extends Window> implements ProcessWindowFunction.Context<W> {
  private final KeyedStateBackend<?> backend;
  private final TypeSerializer<W> windowSerializer;
  private final InternalTimerService<W> timers;
  private final LongSupplier watermark;
  private final Output<?> output;
  private final boolean merging;
  private final KeyedStateStore globalState;

  private W window;
  private KeyedStateStore windowState;

  WindowFunctionContext(KeyedStateBackend<?> backend, TypeSerializer<W> windowSerializer,
      InternalTimerService<W> timers, LongSupplier watermark, Output<?> output, boolean merging) {
    this.backend = backend;
    this.windowSerializer = windowSerializer;
    this.timers = timers;
    this.watermark = watermark;
    this.output = output;
    this.merging = merging;
    this.globalState = new BackendStateStore<>(backend, VoidNamespace.INSTANCE, VoidNamespace.Serializer.INSTANCE);
  }

  void setWindow(W window) {
    if (window != this.window) {
      this.window = window;
      this.windowState = null;
    }
  }

  @Override
  public W window() {
    return window;
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
  public KeyedStateStore windowState() {
    if (merging) {
      // per-window state would have to be merged like the contents, which user state cannot be
      throw new UnsupportedOperationException("per-window state (windowState()) is not available with merging"
          + " (session) windows; use globalState() keyed by what identifies the session instead");
    }
    if (windowState == null) {
      windowState = new BackendStateStore<>(backend, window, windowSerializer);
    }
    return windowState;
  }

  @Override
  public KeyedStateStore globalState() {
    return globalState;
  }

  @Override
  public <X> void output(OutputTag<X> tag, X value) {
    if (tag == null) {
      throw new IllegalArgumentException("output(tag, value) needs an OutputTag");
    }
    output.collect(tag, value, window.maxTimestamp());
  }
}
