package io.rivulet.runtime.operators.windowing;

import io.rivulet.api.functions.Collector;
import io.rivulet.api.functions.OutputTag;
import io.rivulet.api.functions.ProcessWindowFunction;
import io.rivulet.api.functions.UserFunction;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.MapState;
import io.rivulet.api.state.MapStateDescriptor;
import io.rivulet.api.windowing.MergingWindowAssigner;
import io.rivulet.api.windowing.Trigger;
import io.rivulet.api.windowing.TriggerResult;
import io.rivulet.api.windowing.Window;
import io.rivulet.api.windowing.WindowAssigner;
import io.rivulet.runtime.operators.AbstractOperator;
import io.rivulet.runtime.operators.OneInputOperator;
import io.rivulet.runtime.state.InternalKvState;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.state.VoidNamespace;
import io.rivulet.runtime.timers.InternalTimer;
import io.rivulet.runtime.timers.InternalTimerService;
import io.rivulet.runtime.timers.Triggerable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;

/**
 * Evaluates a keyed window: assigns each record to windows, keeps each (key, window)'s contents in keyed
 * state scoped by the window, asks the trigger when to emit and purge, and drops a window's state at its
 * cleanup time (end of window + allowed lateness). Event-time windows fire from watermarks (through the
 * backend's timers), processing-time windows from processing-time timers; session windows merge.
 *
 * <p>The task sets the current key on the keyed backend before {@link #processElement}; the timer service
 * sets it before a timer fires. Everything runs on the task thread.
 *
 * <p>Per record, a tumbling event-time reduce window costs the window assignment (usually cached by the
 * assigner), the state update and one timer registration (a no-op if already registered).
 *
 * @param <K> key type
 * @param <IN> record type
 * @param <OUT> output type
 * @param <W> window type
 */
public final class WindowOperator<K, IN, OUT, W extends Window> extends AbstractOperator<OUT>
    implements OneInputOperator<IN, OUT>, Triggerable<K, W> {
  static final String TIMER_SERVICE_NAME = "_window-timers";
  static final String MERGING_SET_STATE_NAME = "_window-merging-set";

  private final WindowAssigner<Object, W> assigner;
  private final Trigger<Object, W> trigger;
  /** Event-time windows whose trigger only repeats its timers for later elements: skip the repeat. */
  private final boolean skipRepeatedTimers;
  private final long allowedLateness;
  private final OutputTag<IN> lateDataTag;
  private final OperatorSpec.WindowContents contentsSpec;
  private final ProcessWindowFunction<Object, OUT, K, W> function;
  private final TypeSerializer<W> windowSerializer;
  private final boolean eventTime;

  // created in initializeState; owned by the task thread
  private KeyedStateBackend<K> backend;
  private WindowContentsState<IN, W> contents;
  private InternalTimerService<W> timers;
  private WindowTriggerContext<W> triggerContext;
  private WindowFunctionContext<W> functionContext;
  private MergingWindowSet<W> mergingWindows;
  private final TimestampedCollector collector = new TimestampedCollector();
  private final WindowAssigner.Context assignerContext = () -> context.processingTimeService().currentProcessingTime();

  @SuppressWarnings("unchecked")
  public WindowOperator(OperatorSpec.WindowOp spec) {
    this.assigner = (WindowAssigner<Object, W>) spec.assigner();
    this.trigger = (Trigger<Object, W>) (spec.trigger() != null ? spec.trigger() : assigner.defaultTrigger());
    this.allowedLateness = spec.allowedLatenessMillis();
    this.lateDataTag = (OutputTag<IN>) spec.lateDataTag();
    this.contentsSpec = spec.contents();
    this.function = (ProcessWindowFunction<Object, OUT, K, W>) spec.function();
    this.windowSerializer = assigner.windowSerializer();
    this.eventTime = assigner.isEventTime();
    this.skipRepeatedTimers = eventTime && trigger.onElementOnlyRepeatsTimers();
    if (allowedLateness < 0) {
      throw new IllegalArgumentException("allowed lateness must not be negative: " + allowedLateness);
    }
    if (contentsSpec instanceof OperatorSpec.ListContents && function == null) {
      throw new IllegalArgumentException("a window that keeps all elements needs a ProcessWindowFunction");
    }
    if (assigner instanceof MergingWindowAssigner && !trigger.canMerge()) {
      throw new IllegalArgumentException("the merging window assigner " + assigner + " needs a trigger that can"
          + " merge, but " + trigger + " cannot (override Trigger.canMerge/onMerge)");
    }
  }

  @Override
  public void initializeState() throws Exception {
    backend = keyedBackend();
    contents = WindowContentsState.create(contentsSpec, backend, windowSerializer);
    // creating the timer service restores its timers, which must be in place before the first watermark
    timers = backend.timerService(TIMER_SERVICE_NAME, windowSerializer, this);
    triggerContext = new WindowTriggerContext<>(backend, timers, windowSerializer, () -> currentWatermark);
    functionContext = new WindowFunctionContext<>(backend, windowSerializer, timers, () -> currentWatermark, output,
        assigner instanceof MergingWindowAssigner);
    if (assigner instanceof MergingWindowAssigner<Object, W> merging) {
      MapState<W, W> store = backend.getOrCreateState(
          new MapStateDescriptor<>(MERGING_SET_STATE_NAME, windowSerializer, windowSerializer),
          VoidNamespace.Serializer.INSTANCE);
      @SuppressWarnings("unchecked")
      InternalKvState<VoidNamespace> kv = (InternalKvState<VoidNamespace>) store;
      kv.setCurrentNamespace(VoidNamespace.INSTANCE);
      mergingWindows = new MergingWindowSet<>(merging, store);
    }
  }

  @Override
  public void open() throws Exception {
    UserFunction contentsFunction = WindowContentsState.function(contentsSpec);
    if (contentsFunction != null) {
      contentsFunction.open(context.runtimeContext());
    }
    if (function != null) {
      function.open(context.runtimeContext());
    }
  }

  @Override
  public void processElement(IN value, long timestamp) throws Exception {
    Collection<W> windows = assigner.assignWindows(value, timestamp, assignerContext);
    int added = mergingWindows != null
        ? addToMergingWindows(windows, value, timestamp)
        : addToWindows(windows, value, timestamp);
    if (added == 0 && !windows.isEmpty() && eventTime) {
      onLateElement(value, timestamp);
    }
  }

  /** @return the number of windows the element went into (the others were late) */
  private int addToWindows(Collection<W> windows, IN value, long timestamp) throws Exception {
    if (windows instanceof List<W> list && windows instanceof RandomAccess) {
      // indexed: no iterator per record on the hot path
      int added = 0;
      for (int i = 0, n = list.size(); i < n; i++) {
        added += addToWindow(list.get(i), value, timestamp);
      }
      return added;
    }
    int added = 0;
    for (W window : windows) {
      added += addToWindow(window, value, timestamp);
    }
    return added;
  }

  private int addToWindow(W window, IN value, long timestamp) throws Exception {
    if (isWindowLate(window)) {
      return 0;
    }
    contents.setWindow(window);
    boolean maybeFirst = contents.add(value);
    if (!maybeFirst && skipRepeatedTimers && window.maxTimestamp() > currentWatermark) {
      // the window existed: the trigger would only register its timers again, and the cleanup timer is set
      return 1;
    }
    triggerContext.setWindow(window);
    TriggerResult result = trigger.onElement(value, timestamp, window, triggerContext);
    if (result.isFire()) {
      emit(window);
    }
    if (result.isPurge()) {
      contents.clear();
    }
    registerCleanupTimer(window);
    return 1;
  }

  private int addToMergingWindows(Collection<W> windows, IN value, long timestamp) throws Exception {
    mergingWindows.load();
    int added = 0;
    for (W window : windows) {
      W actualWindow = mergingWindows.addWindow(window, this::mergeWindows);
      if (isWindowLate(actualWindow)) {
        // only an unmerged late window can be late here (merging never moves an end backwards, see
        // mergeWindows), so retiring it drops nothing but the new element
        mergingWindows.retire(actualWindow);
        continue;
      }
      added++;
      W stateWindow = mergingWindows.stateWindow(actualWindow);
      contents.setWindow(stateWindow);
      contents.add(value);
      triggerContext.setWindow(actualWindow);
      TriggerResult result = trigger.onElement(value, timestamp, actualWindow, triggerContext);
      if (result.isFire()) {
        contents.setWindow(stateWindow);
        emit(actualWindow);
      }
      if (result.isPurge()) {
        contents.setWindow(stateWindow);
        contents.clear();
      }
      registerCleanupTimer(actualWindow);
    }
    mergingWindows.persist();
    return added;
  }

  /** Windows merged: merge trigger state and timers, drop the merged windows' timers, merge the contents. */
  private void mergeWindows(W mergeResult, Collection<W> mergedWindows, W stateWindowResult,
      Collection<W> mergedStateWindows) throws Exception {
    if (isWindowLate(mergeResult) || (!eventTime && mergeResult.maxTimestamp() <= currentProcessingTime())) {
      throw new IllegalStateException("merging windows " + mergedWindows + " into " + mergeResult + " moved the"
          + " window's end behind the current time; a merging assigner must only extend windows");
    }
    List<W> others = new ArrayList<>(mergedWindows.size());
    for (W w : mergedWindows) {
      if (!w.equals(mergeResult)) {
        others.add(w);
      }
    }
    triggerContext.setWindow(mergeResult);
    triggerContext.setMergedWindows(others);
    try {
      trigger.onMerge(mergeResult, triggerContext);
    } finally {
      triggerContext.setMergedWindows(List.of());
    }
    for (W merged : others) {
      triggerContext.setWindow(merged);
      trigger.clear(merged, triggerContext);
      deleteCleanupTimer(merged);
    }
    contents.merge(stateWindowResult, mergedStateWindows);
  }

  private void onLateElement(IN value, long timestamp) {
    if (lateDataTag != null) {
      output.collect(lateDataTag, value, timestamp);
    } else {
      context.metrics().lateRecordsDropped().increment();
    }
  }

  @Override
  public void onEventTime(InternalTimer<K, W> timer) throws Exception {
    W window = timer.namespace();
    if (!pointContentsAt(window)) {
      return;
    }
    triggerContext.setWindow(window);
    TriggerResult result = trigger.onEventTime(timer.timestamp(), window, triggerContext);
    act(window, result);
    if (eventTime && timer.timestamp() == cleanupTime(window)) {
      clearAllState(window);
    }
    if (mergingWindows != null) {
      mergingWindows.persist();
    }
  }

  @Override
  public void onProcessingTime(InternalTimer<K, W> timer) throws Exception {
    W window = timer.namespace();
    if (!pointContentsAt(window)) {
      return;
    }
    triggerContext.setWindow(window);
    TriggerResult result = trigger.onProcessingTime(timer.timestamp(), window, triggerContext);
    act(window, result);
    if (!eventTime && timer.timestamp() == cleanupTime(window)) {
      clearAllState(window);
    }
    if (mergingWindows != null) {
      mergingWindows.persist();
    }
  }

  /**
   * Points the contents state at {@code window}'s state window.
   *
   * @return false if the window is gone (a merged-away window whose trigger left a timer behind)
   */
  private boolean pointContentsAt(W window) {
    if (mergingWindows == null) {
      contents.setWindow(window);
      return true;
    }
    mergingWindows.load();
    W stateWindow = mergingWindows.stateWindow(window);
    if (stateWindow == null) {
      return false;
    }
    contents.setWindow(stateWindow);
    return true;
  }

  private void act(W window, TriggerResult result) throws Exception {
    if (result.isFire()) {
      emit(window);
    }
    if (result.isPurge()) {
      contents.clear();
    }
  }

  /** Emits the window's contents (contents state already points at it); an empty window emits nothing. */
  @SuppressWarnings("unchecked")
  private void emit(W window) throws Exception {
    Object value = contents.get();
    if (value == null) {
      return;
    }
    if (function == null) {
      output.collect((OUT) value, window.maxTimestamp());
      return;
    }
    collector.timestamp = window.maxTimestamp();
    functionContext.setWindow(window);
    function.process(backend.currentKey(), functionContext, (Iterable<Object>) contents.asElements(value), collector);
  }

  /** The window's end of life: drop contents, trigger state and timers, per-window user state. */
  private void clearAllState(W window) throws Exception {
    contents.clear();
    triggerContext.setWindow(window);
    trigger.clear(window, triggerContext);
    if (function != null) {
      functionContext.setWindow(window);
      function.clear(functionContext);
    }
    if (mergingWindows != null) {
      mergingWindows.retire(window);
    }
  }

  /** Event time: end of window + allowed lateness (saturating); processing time: end of window. */
  private long cleanupTime(W window) {
    long end = window.maxTimestamp();
    if (!eventTime) {
      return end;
    }
    long cleanup = end + allowedLateness;
    return cleanup >= end ? cleanup : Long.MAX_VALUE;
  }

  /** A window is late once the watermark reached its cleanup time: its state is gone or about to go. */
  private boolean isWindowLate(W window) {
    return eventTime && cleanupTime(window) <= currentWatermark;
  }

  private void registerCleanupTimer(W window) {
    long cleanup = cleanupTime(window);
    if (cleanup == Long.MAX_VALUE) {
      return; // a window that never ends (global) is cleaned up by its trigger purging it, or never
    }
    if (triggerContext.registeredSinceSetWindow(cleanup, eventTime)) {
      return; // the trigger just registered this very timer
    }
    if (eventTime) {
      timers.registerEventTimeTimer(window, cleanup);
    } else {
      timers.registerProcessingTimeTimer(window, cleanup);
    }
  }

  private void deleteCleanupTimer(W window) {
    long cleanup = cleanupTime(window);
    if (cleanup == Long.MAX_VALUE) {
      return;
    }
    if (eventTime) {
      timers.deleteEventTimeTimer(window, cleanup);
    } else {
      timers.deleteProcessingTimeTimer(window, cleanup);
    }
  }

  private long currentProcessingTime() {
    return context.processingTimeService().currentProcessingTime();
  }

  @Override
  public void close() throws Exception {
    Exception failure = null;
    for (UserFunction f : new UserFunction[] {function, WindowContentsState.function(contentsSpec)}) {
      if (f == null) {
        continue;
      }
      try {
        f.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Registered event-time timers of this operator (end-of-window and cleanup timers), for tests and metrics. */
  public int numEventTimeTimers() {
    return timers.numEventTimeTimers();
  }

  public int numProcessingTimeTimers() {
    return timers.numProcessingTimeTimers();
  }

  /** Emits a window function's results with the window's timestamp. */
  private final class TimestampedCollector implements Collector<OUT> {
    long timestamp;

    @Override
    public void collect(OUT record) {
      output.collect(record, timestamp);
    }
  }
}
