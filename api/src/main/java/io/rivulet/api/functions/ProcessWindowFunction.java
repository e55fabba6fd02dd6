package io.rivulet.api.functions;

import io.rivulet.api.state.KeyedStateStore;
import io.rivulet.api.windowing.Window;

/**
 * Called when a window fires with all its elements (or, after {@code reduce}/{@code aggregate}, with the
 * single pre-aggregated value).
 */
@FunctionalInterface
public interface ProcessWindowFunction<IN, OUT, K, W extends Window> extends UserFunction {

  void process(K key, Context<W> ctx, Iterable<IN> elements, Collector<OUT> out) throws Exception;

  /** Called when a window is purged for good, to clean up {@link Context#windowState()}. */
  default void clear(Context<W> ctx) throws Exception {}

  interface Context<W extends Window> {
    W window();

    long currentProcessingTime();

    long currentWatermark();

    /** State scoped to the key and this window. */
    KeyedStateStore windowState();

    /** State scoped to the key across all windows. */
    KeyedStateStore globalState();

    <X> void output(OutputTag<X> tag, X value);
  }
}
