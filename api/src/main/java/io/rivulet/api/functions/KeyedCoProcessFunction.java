package io.rivulet.api.functions;

/** Processing of two connected keyed streams that share the key type, with keyed state and timers. */
public interface KeyedCoProcessFunction<K, I1, I2, O> extends UserFunction {

  void processElement1(I1 value, KeyedProcessFunction.Context<K> ctx, Collector<O> out) throws Exception;

  void processElement2(I2 value, KeyedProcessFunction.Context<K> ctx, Collector<O> out) throws Exception;

  default void onTimer(long timestamp, KeyedProcessFunction.OnTimerContext<K> ctx, Collector<O> out)
      throws Exception {}
}
