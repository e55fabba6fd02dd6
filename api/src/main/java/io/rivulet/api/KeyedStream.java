package io.rivulet.api;

import io.rivulet.api.functions.AggregateFunction;
import io.rivulet.api.functions.FlatMapFunction;
import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.functions.KeyedProcessFunction;
import io.rivulet.api.functions.MapFunction;
import io.rivulet.api.functions.ReduceFunction;
import io.rivulet.api.functions.Reductions;
import io.rivulet.api.functions.SerializableComparator;
import io.rivulet.api.functions.ToLongFunction;
import io.rivulet.api.functions.WithLongFunction;
import io.rivulet.api.graph.Exchange;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.graph.PartitionTransformation;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.windowing.CountTrigger;
import io.rivulet.api.windowing.GlobalWindow;
import io.rivulet.api.windowing.GlobalWindows;
import io.rivulet.api.windowing.PurgingTrigger;
import io.rivulet.api.windowing.Window;
import io.rivulet.api.windowing.WindowAssigner;
import java.util.List;

/**
 * A stream partitioned by key. Operators applied to it see keyed state and timers scoped to the current
 * record's key (through {@code RuntimeContext.state()}). A sibling of {@link DataStream}, not a subtype: only
 * what makes sense per key is offered here.
 */
public final class KeyedStream<K, T> {
  private final StreamEnvironment env;
  private final PartitionTransformation<T> partition;
  private final KeySelector<T, K> key;
  private final TypeSerializer<K> keyType;

  KeyedStream(StreamEnvironment env, PartitionTransformation<T> partition, KeySelector<T, K> key,
      TypeSerializer<K> keyType) {
    this.env = env;
    this.partition = partition;
    this.key = key;
    this.keyType = keyType;
  }

  StreamEnvironment environment() {
    return env;
  }

  PartitionTransformation<T> partition() {
    return partition;
  }

  public KeySelector<T, K> keySelector() {
    return key;
  }

  public TypeSerializer<K> keyType() {
    return keyType;
  }

  /** The type of the records (not of the key), or null if undeclared. */
  public TypeSerializer<T> type() {
    return partition.outputType();
  }

  /** Sends this keyed exchange through a Kafka topic partitioned by key (see {@link Exchange#DURABLE}). */
  public KeyedStream<K, T> durable() {
    return exchange(Exchange.DURABLE);
  }

  public KeyedStream<K, T> exchange(Exchange exchange) {
    return new KeyedStream<>(env, new PartitionTransformation<>(env.nextId(), partition.input(),
        io.rivulet.api.graph.Partitioning.HASH, key, exchange), key, keyType);
  }

  <R> DataStream<R> keyedOperator(String name, OperatorSpec spec, TypeSerializer<R> type) {
    return new DataStream<>(env, env.addOperator(name, spec, List.of(partition), type,
        new KeySelector<?, ?>[] {key}, keyType));
  }

  /** Processing with keyed state and event/processing-time timers per key. */
  public <R> DataStream<R> process(KeyedProcessFunction<K, T, R> fn, TypeSerializer<R> type) {
    return keyedOperator("KeyedProcess", new OperatorSpec.KeyedProcessOp(fn), type);
  }

  /** A map that may use keyed state through its runtime context. */
  public <R> DataStream<R> map(MapFunction<T, R> fn, TypeSerializer<R> type) {
    return keyedOperator("Map", new OperatorSpec.MapOp(fn), type);
  }

  /** A flatMap that may use keyed state through its runtime context. */
  public <R> DataStream<R> flatMap(FlatMapFunction<T, R> fn, TypeSerializer<R> type) {
    return keyedOperator("FlatMap", new OperatorSpec.FlatMapOp(fn), type);
  }

  /** Rolling reduce: after each record, emits the reduction of all records of its key so far. */
  public DataStream<T> reduce(ReduceFunction<T> fn) {
    return keyedOperator("Reduce", new OperatorSpec.KeyedReduceOp(fn, type()), type());
  }

  /** Rolling aggregate: after each record, emits the aggregate of all records of its key so far. */
  public <A, R> DataStream<R> aggregate(AggregateFunction<T, A, R> fn, TypeSerializer<A> accumulatorType,
      TypeSerializer<R> type) {
    return keyedOperator("Aggregate", new OperatorSpec.KeyedAggregateOp(fn, accumulatorType), type);
  }

  /** Rolling sum of a long field: emits the latest record with the field replaced by the running sum. */
  public DataStream<T> sum(ToLongFunction<T> field, WithLongFunction<T> with) {
    return reduce(Reductions.sum(field, with)).name("Sum");
  }

  /** Rolling minimum: emits the smallest record of the key so far. */
  public DataStream<T> min(SerializableComparator<T> order) {
    return reduce(Reductions.min(order)).name("Min");
  }

  /** Rolling maximum: emits the largest record of the key so far. */
  public DataStream<T> max(SerializableComparator<T> order) {
    return reduce(Reductions.max(order)).name("Max");
  }

  /** Groups each key's records into windows. */
  public <W extends Window> WindowedStream<K, T, W> window(WindowAssigner<? super T, W> assigner) {
    return new WindowedStream<>(this, assigner, false);
  }

  /**
   * Per key, a window of every {@code n} records: fires when the n-th record arrives and then starts
   * over. Records of a key that never reaches {@code n} stay in state (and are not emitted at the end).
   * Same as {@code window(GlobalWindows.create()).trigger(PurgingTrigger.of(CountTrigger.of(n)))}.
   */
  public WindowedStream<K, T, GlobalWindow> countWindow(long n) {
    return window(GlobalWindows.create()).trigger(PurgingTrigger.of(CountTrigger.<GlobalWindow>of(n)));
  }

  /** Two keyed streams with the same key type, processed together. */
  public <R> ConnectedKeyedStreams<K, T, R> connect(KeyedStream<K, R> other) {
    return new ConnectedKeyedStreams<>(this, other);
  }
}
