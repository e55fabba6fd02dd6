package io.rivulet.api;

import io.rivulet.api.functions.AggregateFunction;
import io.rivulet.api.functions.OutputTag;
import io.rivulet.api.functions.ProcessWindowFunction;
import io.rivulet.api.functions.ReduceFunction;
import io.rivulet.api.functions.Reductions;
import io.rivulet.api.functions.SerializableComparator;
import io.rivulet.api.functions.ToLongFunction;
import io.rivulet.api.functions.WithLongFunction;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.graph.OperatorTransformation;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.windowing.Trigger;
import io.rivulet.api.windowing.Window;
import io.rivulet.api.windowing.WindowAssigner;
import java.time.Duration;

/**
 * A keyed stream grouped into windows, waiting for the function that turns each window into results.
 * Late records (behind the watermark by more than the allowed lateness) go to the side output named with
 * {@link #sideOutputLateData}, or are dropped and counted in the {@code rivulet.window.late.dropped} metric.
 */
public final class WindowedStream<K, T, W extends Window> {
  private final KeyedStream<K, T> input;
  private final WindowAssigner<? super T, W> assigner;
  private final boolean nonParallel;
  private Trigger<? super T, ? super W> trigger;
  private long allowedLatenessMillis;
  private OutputTag<T> lateDataTag;

  WindowedStream(KeyedStream<K, T> input, WindowAssigner<? super T, W> assigner, boolean nonParallel) {
    this.input = input;
    this.assigner = assigner;
    this.nonParallel = nonParallel;
    this.trigger = assigner.defaultTrigger();
  }

  /** Replaces the assigner's default trigger. */
  public WindowedStream<K, T, W> trigger(Trigger<? super T, ? super W> trigger) {
    this.trigger = trigger;
    return this;
  }

  /** Keeps windows (and fires them again) for records up to {@code lateness} behind the watermark. */
  public WindowedStream<K, T, W> allowedLateness(Duration lateness) {
    if (lateness.isNegative()) {
      throw new IllegalArgumentException("allowed lateness must not be negative: " + lateness);
    }
    this.allowedLatenessMillis = lateness.toMillis();
    return this;
  }

  /** Sends records that arrive too late for their windows to {@code tag} instead of dropping them. */
  public WindowedStream<K, T, W> sideOutputLateData(OutputTag<T> tag) {
    this.lateDataTag = tag;
    return this;
  }

  /** Emits one reduced record per window. */
  public DataStream<T> reduce(ReduceFunction<T> fn) {
    return build("Window(reduce)", new OperatorSpec.ReduceContents(fn, input.type()), null, input.type());
  }

  /** Reduces incrementally, then hands the single reduced value to {@code fn} with the window's metadata. */
  public <R> DataStream<R> reduce(ReduceFunction<T> fn, ProcessWindowFunction<T, R, K, W> windowFn,
      TypeSerializer<R> type) {
    return build("Window(reduce)", new OperatorSpec.ReduceContents(fn, input.type()), windowFn, type);
  }

  /** Aggregates incrementally; emits the aggregate's result per window. */
  public <A, R> DataStream<R> aggregate(AggregateFunction<T, A, R> fn, TypeSerializer<A> accumulatorType,
      TypeSerializer<R> type) {
    return build("Window(aggregate)", new OperatorSpec.AggregateContents(fn, accumulatorType), null, type);
  }

  /** Aggregates incrementally, then hands the result to {@code windowFn} with the window's metadata. */
  public <A, V, R> DataStream<R> aggregate(AggregateFunction<T, A, V> fn, ProcessWindowFunction<V, R, K, W> windowFn,
      TypeSerializer<A> accumulatorType, TypeSerializer<R> type) {
    return build("Window(aggregate)", new OperatorSpec.AggregateContents(fn, accumulatorType), windowFn, type);
  }

  /** Keeps all of a window's records and hands them to {@code fn} when it fires (costs memory per record). */
  public <R> DataStream<R> process(ProcessWindowFunction<T, R, K, W> fn, TypeSerializer<R> type) {
    return build("Window(process)", new OperatorSpec.ListContents(input.type()), fn, type);
  }

  /** Per window: the last record with the field replaced by the window's sum. */
  public DataStream<T> sum(ToLongFunction<T> field, WithLongFunction<T> with) {
    return reduce(Reductions.sum(field, with));
  }

  /** Per window: the smallest record. */
  public DataStream<T> min(SerializableComparator<T> order) {
    return reduce(Reductions.min(order));
  }

  /** Per window: the largest record. */
  public DataStream<T> max(SerializableComparator<T> order) {
    return reduce(Reductions.max(order));
  }

  private <R> DataStream<R> build(String name, OperatorSpec.WindowContents contents,
      ProcessWindowFunction<?, ?, ?, ?> fn, TypeSerializer<R> type) {
    OperatorSpec spec = new OperatorSpec.WindowOp(assigner, trigger, allowedLatenessMillis, lateDataTag, contents,
        fn, nonParallel);
    DataStream<R> out = input.keyedOperator(nonParallel ? name.replace("Window", "WindowAll") : name, spec, type);
    if (nonParallel) {
      OperatorTransformation<R> op = (OperatorTransformation<R>) out.transformation();
      op.setNonParallel(true);
    }
    return out;
  }
}
