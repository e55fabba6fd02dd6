package io.rivulet.cli;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.config.RestartStrategy;
import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.connector.CollectSink;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.examples.fifo.FifoJob;
import io.rivulet.examples.fifo.KeySummary;
import io.rivulet.runtime.execution.LocalExecutor;
import io.rivulet.runtime.execution.LocalJobHandle;
import io.rivulet.runtime.jobmaster.JobMaster;
import io.rivulet.runtime.jobmaster.SubtaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The FIFO job embedded in this JVM ({@code bin/rivulet demo --embedded}): per-key sequence numbers through keyBy
 * into a checker, with checkpoints and (by default) one injected task failure, so the run shows recovery from a
 * checkpoint with per-key order intact. Nothing else is started.
 */
final class EmbeddedDemo {
  private final long records;
  private final double rate;
  private final int keys;
  private final int parallelism;
  private final String checkpointInterval;
  private final long failAt;
  private final String state;

  EmbeddedDemo(DemoCommand o) {
    this.records = o.records;
    this.rate = o.rate;
    this.keys = o.keys;
    this.parallelism = o.parallelism;
    this.checkpointInterval = o.checkpointInterval;
    this.failAt = o.failAt;
    this.state = o.state;
  }

  int run() throws Exception {
    LocalExecutor executor = new LocalExecutor();
    StreamEnvironment env = StreamEnvironment.create(executor);
    env.setParallelism(parallelism)
        .enableCheckpointing(Durations.parse(checkpointInterval))
        .setRestartStrategy(RestartStrategy.fixedDelay(3, Duration.ofMillis(500)))
        .setStateBackend(StateBackendKind.valueOf(state.toUpperCase()));
    long failAtRecord = failAt >= 0 ? failAt : records / parallelism * 2 / 5;
    CollectSink<KeySummary> sink = new CollectSink<>();
    FifoJob.build(env, keys, records, rate, failAtRecord).sinkTo(sink).name("Verdict");
    JobGraph graph = env.jobGraph("fifo demo");

    System.out.printf("rivulet demo: FIFO job, %,d records over %,d keys at %s, parallelism %d, checkpoints every %s,"
        + " %s state%s%n", records, keys, rate > 0 ? String.format("%,.0f records/s", rate) : "full speed",
        parallelism, checkpointInterval, state, failAtRecord > 0 ? ", one injected failure" : "");
    LocalJobHandle job = executor.start(graph);
    long start = System.nanoTime();
    long lastRecords = 0;
    long lastNanos = start;
    long lastBackPressured = 0;
    int lastRestarts = 0;
    while (true) {
      try {
        job.result().get(2, TimeUnit.SECONDS);
        break;
      } catch (TimeoutException stillRunning) {
        long now = System.nanoTime();
        // the job master's view, as the control plane shows it: counters from the runtime's heartbeats
        JobMaster master = job.jobMaster();
        long done = recordsIn(master, "FIFO checker");
        long backPressured = backPressuredNanos(master, "Sequence source");
        double perSecond = (done - lastRecords) / ((now - lastNanos) / 1e9);
        if (job.restarts() != lastRestarts) {
          lastRestarts = job.restarts();
          System.out.printf("[%4.0fs] task failed; job restarted from the last completed checkpoint (restart %d)%n",
              (now - start) / 1e9, lastRestarts);
          lastRecords = 0;
        } else {
          // share of the interval the sources spent waiting for credit (Flink's back-pressured time)
          double pressured = (backPressured - lastBackPressured) / (double) ((now - lastNanos) * parallelism);
          System.out.printf("[%4.0fs] records=%,d rate=%,.0f/s back_pressure=%.0f%% checkpoints=%d restarts=%d%n",
              (now - start) / 1e9, done, Math.max(0, perSecond), Math.max(0, pressured) * 100,
              job.completedCheckpoints(), job.restarts());
          lastRecords = done;
        }
        lastBackPressured = backPressured;
        lastNanos = now;
      } catch (java.util.concurrent.ExecutionException failed) {
        System.out.println("job failed: " + failed.getCause());
        return 1;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<KeySummary> summaries = CollectSink.results(sink.id());
    FifoJob.Verdict verdict = FifoJob.Verdict.of(summaries);
    boolean complete = verdict.records() == records;
    System.out.printf("done in %.1fs: %d checkpoints, %d restarts, %,.0f records/s on average%n", seconds,
        job.completedCheckpoints(), job.restarts(), records / seconds);
    System.out.println(verdict + " records_expected=" + records + (complete ? "" : " (MISMATCH)"));
    return verdict.violations() == 0 && complete ? 0 : 1;
  }

  private static long recordsIn(JobMaster master, String vertexPrefix) {
    return master.subtasks().stream().filter(s -> vertexName(master, s).startsWith(vertexPrefix))
        .mapToLong(SubtaskStatus::recordsIn).sum();
  }

  private static long backPressuredNanos(JobMaster master, String vertexPrefix) {
    return master.subtasks().stream().filter(s -> vertexName(master, s).startsWith(vertexPrefix))
        .mapToLong(SubtaskStatus::backPressuredNanos).sum();
  }

  private static String vertexName(JobMaster master, SubtaskStatus s) {
    return master.graph().vertex(s.id().vertexId()).name();
  }
}
