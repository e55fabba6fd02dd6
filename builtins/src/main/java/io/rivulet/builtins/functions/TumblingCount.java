package io.rivulet.builtins.functions;

import io.rivulet.api.functions.Collector;
import io.rivulet.api.functions.KeyedProcessFunction;
import io.rivulet.api.functions.RuntimeContext;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;
import io.rivulet.builtins.records.WindowCount;

/**
 * A tumbling count window per key: every {@code size} records of a key make one window, emitted as
 * (key, window number, size) when it fills. Like Flink's {@code countWindow(size)}, a window that never fills
 * (at the end of a bounded input) is not emitted. Kept in keyed state, so it is checkpointed.
 */
public final class TumblingCount<T> implements KeyedProcessFunction<Long, T, WindowCount> {
  private final long size;
  private transient ValueState<Long> seen;

  public TumblingCount(long size) {
    this.size = size;
  }

  @Override
  public void open(RuntimeContext context) {
    seen = context.state().getState(new ValueStateDescriptor<>("tumbling-count", Types.LONG));
  }

  @Override
  public void processElement(T value, Context<Long> ctx, Collector<WindowCount> out) {
    Long before = seen.value();
    long n = (before == null ? 0 : before) + 1;
    seen.update(n);
    if (n % size == 0) {
      out.collect(new WindowCount(ctx.currentKey(), n / size - 1, size));
    }
  }
}
