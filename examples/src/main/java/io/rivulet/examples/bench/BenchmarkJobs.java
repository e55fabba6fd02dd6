package io.rivulet.examples.bench;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.DiscardingSink;
import io.rivulet.api.serialization.Types;

/**
 * The reference workloads of {@code shared/anchors/flink-baseline}, with the same shapes and sizes, so that
 * Rivulet and Flink can be compared in one run on one machine.
 */
public final class BenchmarkJobs {
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
}
