package io.rivulet.runtime.operators;

import io.rivulet.api.functions.KeyedCoProcessFunction;
import io.rivulet.api.functions.TimeDomain;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.state.VoidNamespace;
import io.rivulet.runtime.timers.InternalTimer;
import io.rivulet.runtime.timers.Triggerable;

/** Runs a {@link KeyedCoProcessFunction}: two keyed inputs sharing keyed state and timers. */
public final class KeyedCoProcessOperator<K, A, B, OUT>
    extends UdfOperator<KeyedCoProcessFunction<K, A, B, OUT>, OUT>
    implements TwoInputOperator<A, B, OUT>, Triggerable<K, VoidNamespace> {
  private TimestampedCollector<OUT> collector;
  private KeyedTimerContext<K> ctx;

  public KeyedCoProcessOperator(KeyedCoProcessFunction<K, A, B, OUT> function) {
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
  public void processElement1(A value, long ts) throws Exception {
    set(ts, null);
    function.processElement1(value, ctx, collector);
  }

  @Override
  public void processElement2(B value, long ts) throws Exception {
    set(ts, null);
    function.processElement2(value, ctx, collector);
  }

  private void set(long ts, TimeDomain domain) {
    ctx.timestamp = ts;
    ctx.domain = domain;
    collector.setTimestamp(ts);
  }

  @Override
  public void onEventTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
    set(timer.timestamp(), TimeDomain.EVENT_TIME);
    function.onTimer(timer.timestamp(), ctx, collector);
  }

  @Override
  public void onProcessingTime(InternalTimer<K, VoidNamespace> timer) throws Exception {
    set(Output.NO_TIMESTAMP, TimeDomain.PROCESSING_TIME);
    function.onTimer(timer.timestamp(), ctx, collector);
  }
}
