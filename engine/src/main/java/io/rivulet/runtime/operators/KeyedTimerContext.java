package io.rivulet.runtime.operators;

import io.rivulet.api.functions.KeyedProcessFunction;
import io.rivulet.api.functions.OutputTag;
import io.rivulet.api.functions.TimeDomain;
import io.rivulet.api.functions.TimerService;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.state.VoidNamespace;
import io.rivulet.runtime.timers.InternalTimerService;

/**
 * The context keyed process functions see, for records and for timers: the current key from the backend,
 * timers through one internal timer service, side outputs. One instance per operator, reused per call.
 */
final class KeyedTimerContext<K> implements KeyedProcessFunction.OnTimerContext<K>, TimerService {
  private final KeyedStateBackend<K> backend;
  private final InternalTimerService<VoidNamespace> timers;
  private final Output<?> output;
  long timestamp = Output.NO_TIMESTAMP;
  TimeDomain domain;

  KeyedTimerContext(KeyedStateBackend<K> backend, InternalTimerService<VoidNamespace> timers, Output<?> output) {
    this.backend = backend;
    this.timers = timers;
    this.output = output;
  }

  @Override
  public long timestamp() {
    return timestamp;
  }

  @Override
  public K currentKey() {
    return backend.currentKey();
  }

  @Override
  public TimerService timerService() {
    return this;
  }

  @Override
  public <X> void output(OutputTag<X> tag, X value) {
    output.collect(tag, value, timestamp);
  }

  @Override
  public TimeDomain timeDomain() {
    return domain;
  }

  @Override
  public long currentProcessingTime() {
    return timers.currentProcessingTime();
  }

  @Override
  public long currentWatermark() {
    return timers.currentWatermark();
  }

  @Override
  public void registerEventTimeTimer(long time) {
    timers.registerEventTimeTimer(VoidNamespace.INSTANCE, time);
  }

  @Override
  public void registerProcessingTimeTimer(long time) {
    timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, time);
  }

  @Override
  public void deleteEventTimeTimer(long time) {
    timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, time);
  }

  @Override
  public void deleteProcessingTimeTimer(long time) {
    timers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, time);
  }
}
