package io.rivulet.cli;

import io.rivulet.api.JobExecutionResult;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.examples.bench.BenchmarkJobs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Runs a reference workload and prints one line in the format of the Flink baseline
 * ({@code shared/anchors/flink-baseline}): seconds and records/s of the whole job including start-up,
 * then the same without start-up.
 */
@Command(name = "bench", description = "Run a benchmark workload: chain | shuffle | window N P")
final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "chain, shuffle or window")
  String job;

  @Parameters(index = "1", description = "number of records")
  long n;

  @Parameters(index = "2", description = "parallelism")
  int parallelism;

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    switch (job) {
      case "chain" -> BenchmarkJobs.chain(env, n);
      case "shuffle" -> BenchmarkJobs.shuffle(env, n);
      case "window" -> BenchmarkJobs.window(env, n);
      default -> {
        System.err.println("unknown workload '" + job + "': use chain, shuffle or window");
        return 2;
      }
    }
    JobExecutionResult result = env.execute(job);
    double s = (System.nanoTime() - t0) / 1e9;
    double net = result.netRuntimeMillis() / 1e3;
    System.out.printf("rivulet %s n=%d p=%d seconds=%.2f records_per_s=%.0f net_seconds=%.2f net_rps=%.0f%n",
        job, n, parallelism, s, n / s, net, n / net);
    return 0;
  }
}
