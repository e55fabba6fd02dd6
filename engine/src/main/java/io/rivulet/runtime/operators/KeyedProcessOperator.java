package io.rivulet.runtime.operators;

import io.rivulet.api.functions.KeyedProcessFunction;
import io.rivulet.api.functions.TimeDomain;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.state.VoidNamespace;
import io.rivulet.runtime.timers.InternalTimer;
import io.rivulet.runtime.timers.Triggerable;

/** Runs a {@link KeyedProcessFunction}: keyed state through the runtime context, timers per key. */
public final class KeyedProcessOperator<K, IN, OUT> extends UdfOperator<KeyedProcessFunction<K, IN, OUT>, OUT>
    implements OneInputOperator<IN, OUT>, Triggerable<K, VoidNamespace> {
  private TimestampedCollector<OUT> collector;
  private KeyedTimerContext<K> ctx;

  public KeyedProcessOperator(KeyedProcessFunction<K, IN, OUT> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    KeyedStateBackend<K> backend = keyedBackend();
    collector = new TimestampedCollector<>(output);
    ctx = new KeyedTimerContext<>(backend,
        backend.timerService("user-timers", VoidNamespace.Serializer.INSTANCE, this), output);
    super.open();
  }

  @Override
  public void processElement(IN value, long timestamp) throws Exception {
    ctx.timestamp = timestamp;
    ctx.domain = null;
    collector.setTimestamp(timestamp);
    function.processElement(value, ctx, collector);
  }

  @Override
  public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
    fire(timer.timestamp(), TimeDomain.EVENT_TIME, timer.timestamp());
  }

  @Override
  public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
    fire(timer.timestamp(), TimeDomain.PROCESSING_TIME, Output.NO_TIMESTAMP);
  }

  private void fire(long time, TimeDomain domain, long outputTimestamp) throws Exception {
    ctx.timestamp = outputTimestamp;
    ctx.domain = domain;
    collector.setTimestamp(outputTimestamp);
    function.onTimer(time, ctx, collector);
  }
}
