package io.rivulet.api;

import io.rivulet.api.connector.CollectSink;
import io.rivulet.api.connector.PrintSink;
import io.rivulet.api.connector.Sink;
import io.rivulet.api.functions.FilterFunction;
import io.rivulet.api.functions.FlatMapFunction;
import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.functions.MapFunction;
import io.rivulet.api.functions.OutputTag;
import io.rivulet.api.functions.ProcessFunction;
import io.rivulet.api.graph.Exchange;
import io.rivulet.api.graph.GraphValidationException;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.graph.OperatorTransformation;
import io.rivulet.api.graph.PartitionTransformation;
import io.rivulet.api.graph.Partitioning;
import io.rivulet.api.graph.SideOutputTransformation;
import io.rivulet.api.graph.Transformation;
import io.rivulet.api.graph.UnionTransformation;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.watermark.WatermarkStrategy;
import io.rivulet.api.windowing.Window;
import io.rivulet.api.windowing.WindowAssigner;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream of records of type {@code T}: the environment plus the step that produces it. Every method adds
 * a step and returns the stream it produces; the settings methods ({@link #name}, {@link #uid},
 * {@link #parallelism}, {@link #returns}) change the step that produced this stream and return it.
 */
public class DataStream<T> {
  protected final StreamEnvironment env;
  protected final Transformation<T> transformation;

  DataStream(StreamEnvironment env, Transformation<T> transformation) {
    this.env = env;
    this.transformation = transformation;
  }

  public StreamEnvironment environment() {
    return env;
  }

  public Transformation<T> transformation() {
    return transformation;
  }

  /** The declared type, or null if it was not declared. */
  public TypeSerializer<T> type() {
    return transformation.outputType();
  }

  // ---------------------------------------------------------------- settings of this step

  public DataStream<T> name(String name) {
    transformation.setName(name);
    return this;
  }

  /** A stable id for this operator's state, so that checkpoints still match after the job is changed. */
  public DataStream<T> uid(String uid) {
    transformation.setUid(uid);
    return this;
  }

  public DataStream<T> parallelism(int parallelism) {
    transformation.setParallelism(parallelism);
    return this;
  }

  /** Declares the type of this stream's records (needed where they cross a task boundary or enter state). */
  public DataStream<T> returns(TypeSerializer<T> type) {
    transformation.setOutputType(type);
    return this;
  }

  /** Keeps this operator out of any chain: it runs in a task (thread) of its own. */
  public DataStream<T> disableChaining() {
    operatorTransformation("disableChaining").setChainable(false);
    return this;
  }

  private OperatorTransformation<T> operatorTransformation(String what) {
    if (transformation instanceof OperatorTransformation<T> op) {
      return op;
    }
    throw new GraphValidationException(what + "() applies to an operator, not to '" + transformation.name() + "'");
  }

  // ---------------------------------------------------------------- record-at-a-time operators

  public <R> DataStream<R> map(MapFunction<T, R> fn) {
    return map(fn, null);
  }

  public <R> DataStream<R> map(MapFunction<T, R> fn, TypeSerializer<R> type) {
    return one("Map", new OperatorSpec.MapOp(fn), type);
  }

  public DataStream<T> filter(FilterFunction<T> fn) {
    return one("Filter", new OperatorSpec.FilterOp(fn), type());
  }

  public <R> DataStream<R> flatMap(FlatMapFunction<T, R> fn) {
    return flatMap(fn, null);
  }

  public <R> DataStream<R> flatMap(FlatMapFunction<T, R> fn, TypeSerializer<R> type) {
    return one("FlatMap", new OperatorSpec.FlatMapOp(fn), type);
  }

  /** Low-level processing with timestamps and side outputs ({@link #sideOutput}). */
  public <R> DataStream<R> process(ProcessFunction<T, R> fn, TypeSerializer<R> type) {
    return one("Process", new OperatorSpec.ProcessOp(fn), type);
  }

  /** Assigns event timestamps and generates watermarks here (better: at the source, via fromSource). */
  public DataStream<T> assignTimestampsAndWatermarks(WatermarkStrategy<T> strategy) {
    return one("Timestamps/Watermarks", new OperatorSpec.TimestampsOp(strategy), type());
  }

  /** The records this stream's operator emitted to {@code tag}. */
  public <X> DataStream<X> sideOutput(OutputTag<X> tag) {
    operatorTransformation("sideOutput");
    return new DataStream<>(env, new SideOutputTransformation<>(env.nextId(), transformation, tag));
  }

  private <R> DataStream<R> one(String name, OperatorSpec spec, TypeSerializer<R> type) {
    return new DataStream<>(env, env.addOperator(name, spec, List.of(transformation), type, null, null));
  }

  // ---------------------------------------------------------------- partitioning

  /**
   * Partitions by key: all records with equal keys go to the same subtask, where keyed state and timers
   * are scoped to the key. Costs a redistribution across the network (an exchange between tasks).
   *
   * @param keyType the key's serializer (keyed state and timers are stored by key)
   */
  public <K> KeyedStream<K, T> keyBy(KeySelector<T, K> key, TypeSerializer<K> keyType) {
    return new KeyedStream<>(env, new PartitionTransformation<>(env.nextId(), transformation, Partitioning.HASH,
        key, null), key, keyType);
  }

  /** Round-robin over the downstream subtasks: evens out skew, costs an exchange. */
  public DataStream<T> rebalance() {
    return partition(Partitioning.REBALANCE);
  }

  /** Every record to every downstream subtask. */
  public DataStream<T> broadcast() {
    return partition(Partitioning.BROADCAST);
  }

  /** Everything to the first downstream subtask. */
  public DataStream<T> global() {
    return partition(Partitioning.GLOBAL);
  }

  /** Subtask i to subtask i (requires equal parallelism). */
  public DataStream<T> forward() {
    return partition(Partitioning.FORWARD);
  }

  /**
   * Chooses how records reach the next operator: {@link Exchange#DURABLE} through a Kafka topic,
   * {@link Exchange#LOCAL} to force a task boundary in one JVM, {@link Exchange#DIRECT} (the default).
   */
  public DataStream<T> exchange(Exchange exchange) {
    return new DataStream<>(env, new PartitionTransformation<>(env.nextId(), transformation, null, null, exchange));
  }

  private DataStream<T> partition(Partitioning p) {
    return new DataStream<>(env, new PartitionTransformation<>(env.nextId(), transformation, p, null, null));
  }

  // ---------------------------------------------------------------- several streams

  /** One stream of the records of this and the other streams (no order between them). */
  @SafeVarargs
  public final DataStream<T> union(DataStream<T>... others) {
    List<Transformation<?>> inputs = new ArrayList<>();
    inputs.add(transformation);
    for (DataStream<T> o : others) {
      if (o.env != env) {
        throw new GraphValidationException("cannot union streams of different environments");
      }
      inputs.add(o.transformation);
    }
    return new DataStream<>(env, new UnionTransformation<>(env.nextId(), inputs, type()));
  }

  /** Two streams, possibly of different types, processed together by one two-input operator. */
  public <R> ConnectedStreams<T, R> connect(DataStream<R> other) {
    return new ConnectedStreams<>(env, this, other);
  }

  /**
   * A window over the whole, non-keyed stream. It runs in a single subtask (parallelism 1), so it does not
   * scale: prefer {@code keyBy(...).window(...)}.
   */
  public <W extends Window> WindowedStream<Byte, T, W> windowAll(WindowAssigner<? super T, W> assigner) {
    KeyedStream<Byte, T> all = keyBy(v -> (byte) 0, io.rivulet.api.serialization.Types.BYTE);
    return new WindowedStream<>(all, assigner, true);
  }

  // ---------------------------------------------------------------- sinks

  public DataStreamSink<T> sinkTo(Sink<T> sink) {
    return new DataStreamSink<>(env.addOperator(sink.name(), new OperatorSpec.SinkOp(sink),
        List.of(transformation), null, null, null));
  }

  /** Prints every record to standard output. */
  public DataStreamSink<T> print() {
    return sinkTo(new PrintSink<>("", false));
  }

  public DataStreamSink<T> print(String prefix) {
    return sinkTo(new PrintSink<>(prefix, false));
  }

  /**
   * Adds a collecting sink, runs the job in this JVM and returns what reached the sink, exactly once even if
   * the job restarted in between. For tests and examples; the list is held in memory.
   */
  public List<T> executeAndCollect(String jobName) throws Exception {
    CollectSink<T> sink = new CollectSink<>();
    sinkTo(sink);
    try {
      env.execute(jobName);
      return CollectSink.results(sink.id());
    } finally {
      CollectSink.release(sink.id());
    }
  }
}
