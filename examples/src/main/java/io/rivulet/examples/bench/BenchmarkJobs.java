package io.rivulet.examples.bench;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.DiscardingSink;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.watermark.WatermarkStrategy;
import io.rivulet.api.windowing.TumblingEventTimeWindows;
import java.time.Duration;

/**
 * The reference workloads of {@code shared/anchors/flink-baseline}, with the same shapes and sizes, so that
 * Rivulet and Flink can be compared in one run on one machine.
 */
public final class BenchmarkJobs {
  public static final TypeSerializer<KeyedValue> KEYED_VALUE = Types.of(KeyedValue.class);

  private BenchmarkJobs() {}

  /** sequence source -> map(x*2) -> filter -> discarding sink, all chained (run with parallelism 1). */
  public static void chain(StreamEnvironment env, long n) {
    env.fromSequence(0, n - 1)
        .map(x -> x * 2).returns(Types.LONG)
        .filter(x -> (x & 3) != 1)
        .sinkTo(new DiscardingSink<>());
  }

  /** sequence source -> rebalance (an exchange between tasks) -> map(x+1) -> discarding sink. */
  public static void shuffle(StreamEnvironment env, long n) {
    env.fromSequence(0, n - 1)
        .rebalance()
        .map(x -> x + 1).returns(Types.LONG)
        .sinkTo(new DiscardingSink<>());
  }

  /**
   * The shuffle through a DURABLE exchange: sequence source -> rebalance over a Kafka topic (one record per
   * Kafka record, in an envelope) -> map(x+1) -> discarding sink. Needs the Kafka bootstrap servers in the job's
   * config (or the system property rivulet.kafka.bootstrap).
   */
  public static void durableShuffle(StreamEnvironment env, long n) {
    env.fromSequence(0, n - 1)
        .exchange(io.rivulet.api.graph.Exchange.DURABLE)
        .map(x -> x + 1).returns(Types.LONG)
        .sinkTo(new DiscardingSink<>());
  }

  /**
   * (key = i % 10000, ts = i, 1) -> bounded-out-of-orderness watermarks (100 ms) -> keyBy -> tumbling
   * event-time window (100 s) -> sum -> discarding sink.
   */
  public static void window(StreamEnvironment env, long n) {
    env.fromSequence(0, n - 1)
        .map(i -> new KeyedValue(i % 10_000, i, 1L)).returns(KEYED_VALUE)
        .assignTimestampsAndWatermarks(WatermarkStrategy.<KeyedValue>forBoundedOutOfOrderness(Duration.ofMillis(100))
            .withTimestampAssigner((e, ts) -> e.timestamp()))
        .keyBy(KeyedValue::key, Types.LONG)
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(100_000)))
        .sum(KeyedValue::value, KeyedValue::withValue)
        .sinkTo(new DiscardingSink<>());
  }
}
