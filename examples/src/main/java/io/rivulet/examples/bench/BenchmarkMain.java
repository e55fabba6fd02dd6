package io.rivulet.examples.bench;

import io.rivulet.api.StreamEnvironment;

/** Runs one benchmark workload: {@code chain|shuffle|window|durable N}; the parallelism comes from the environment. */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: BenchmarkMain chain|shuffle|window|durable N");
    }
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    long n = Long.parseLong(args[1]);
    switch (args[0]) {
      case "chain" -> BenchmarkJobs.chain(env, n);
      case "shuffle" -> BenchmarkJobs.shuffle(env, n);
      case "window" -> BenchmarkJobs.window(env, n);
      case "durable" -> BenchmarkJobs.durableShuffle(env, n);
      default -> throw new IllegalArgumentException("unknown workload " + args[0]);
    }
    env.execute(args[0]);
  }
}
