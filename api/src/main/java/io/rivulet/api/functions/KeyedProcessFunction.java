package io.rivulet.api.functions;


/**
 * Processing of a keyed stream with keyed state (via {@link RuntimeContext#state()}) and timers. Timers
 * fire {@link #onTimer} with the key that registered them as the current key.
 */
@FunctionalInterface
public interface KeyedProcessFunction<K, I, O> extends UserFunction {

  void processElement(I value, Context<K> ctx, Collector<O> out) throws Exception;

  default void onTimer(long timestamp, OnTimerContext<K> ctx, Collector<O> out) throws Exception {}

  interface Context<K> {
    long timestamp();

    K currentKey();

    TimerService timerService();

    <X> void output(OutputTag<X> tag, X value);
  }

  interface OnTimerContext<K> extends Context<K> {
    TimeDomain timeDomain();
  }
}
