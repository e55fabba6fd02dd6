package io.rivulet.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rivulet.api.JobExecutionResult;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.config.RestartStrategy;
import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.connector.CollectSink;
import io.rivulet.api.connector.GeneratorSource;
import io.rivulet.api.connector.SourceGate;
import io.rivulet.api.functions.Collector;
import io.rivulet.api.functions.KeyedProcessFunction;
import io.rivulet.api.functions.MapFunction;
import io.rivulet.api.functions.RuntimeContext;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;
import io.rivulet.api.tuple.Tuple2;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A failure in the middle of a stream: the job restarts from the latest checkpoint, and what reaches the
 * exactly-once sink equals a run without failure (no record lost, none counted twice in state or output).
 *
 * <p>The failing run does not count on checkpoints happening in time: its source is held before the failure point
 * until a checkpoint completed, and at the end of its input until another one completed after the restart.
 */
class CheckpointRecoveryTest {
  private static final TypeSerializer<Tuple2<Long, Long>> PAIR = Types.tuple2(Types.LONG, Types.LONG);
  private static final long RECORDS = 60_000;
  /**
   * The failing run waits here for its first checkpoint: subtask 0 (even indexes) has then emitted 7,500 records,
   * well before its 15,000th (index 29,998), where it fails.
   */
  private static final long HOLD = RECORDS / 4;
  private static final int KEYS = 50;
  /** A bound for what is sure to happen (checkpoints keep coming while the source is held). */
  private static final long LONG_ENOUGH_SECONDS = 120;

  @TempDir
  Path checkpoints;

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void outputAfterAFailureEqualsAFailureFreeRun(StateBackendKind backend) throws Exception {
    Run clean = run(backend, -1);
    Run failed = run(backend, RECORDS / 2);

    assertThat(clean.result.restarts()).isZero();
    assertThat(failed.result.restarts()).as("the injected failure restarted the job once").isEqualTo(1);
    assertThat(failed.result.completedCheckpoints()).as("checkpoints completed before the failure and after the restart")
        .isGreaterThan(1);
    assertThat(clean.output).hasSize((int) RECORDS);
    assertThat(failed.output).containsExactlyInAnyOrderElementsOf(clean.output);
  }

  private record Run(JobExecutionResult result, List<Tuple2<Long, Long>> output) {}

  private Run run(StateBackendKind backend, long failAt) throws Exception {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2)
        .setStateBackend(backend)
        .enableCheckpointing(Duration.ofMillis(50))
        .setRestartStrategy(RestartStrategy.fixedDelay(2, Duration.ofMillis(10)));
    env.config().checkpointDirectory(checkpoints.resolve(backend + "-" + failAt).toString());
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    SourceGate.Latch checkpointed = SourceGate.latch();
    SourceGate.Latch checkpointedAfterRestart = SourceGate.latch();
    GeneratorSource<Long> source = new GeneratorSource<>(i -> i, RECORDS, 0, Types.LONG, "Generator");
    if (failAt > 0) {
      source = source.holdAt(HOLD, checkpointed).holdAt(RECORDS, checkpointedAfterRestart);
    }
    env.fromSource(source, null, "Generator")
        .map(new FailOnce(failAt)).returns(Types.LONG)
        .keyBy(i -> i % KEYS, Types.LONG)
        .process(new RunningSum(), PAIR)
        .sinkTo(sink);
    JobGraph graph = env.jobGraph("recovery");
    LocalJobHandle job = new LocalExecutor().start(graph);
    if (failAt > 0) {
      // the restart must have a checkpoint to go back to: one completes before the input reaches the failure
      awaitWhileRunning(job, () -> job.completedCheckpoints() >= 1);
      checkpointed.open();
      awaitWhileRunning(job, () -> job.restarts() == 1);
      long beforeRestart = job.completedCheckpoints();
      // and the restarted job checkpoints too (its source, held at the end, restored from the first) before it ends
      awaitWhileRunning(job, () -> job.completedCheckpoints() > beforeRestart);
      checkpointedAfterRestart.open();
    }
    JobExecutionResult result = job.result().get(LONG_ENOUGH_SECONDS, TimeUnit.SECONDS);
    List<Tuple2<Long, Long>> out = CollectSink.results(sink.id());
    CollectSink.release(sink.id());
    return new Run(result, out);
  }

  /** Waits for {@code condition}; a job that ended before it was met fails the test with the job's failure. */
  static void awaitWhileRunning(LocalJobHandle job, Callable<Boolean> condition) throws Exception {
    await().atMost(LONG_ENOUGH_SECONDS, TimeUnit.SECONDS).until(() -> condition.call() || job.result().isDone());
    if (!condition.call()) {
      job.result().get(); // throws the job's failure, if it failed
      throw new AssertionError("the job ended before the condition the test waited for was met");
    }
  }

  /** Throws once, in the first attempt of subtask 0, after {@code failAt} records. */
  static final class FailOnce implements MapFunction<Long, Long> {
    private final long failAt;
    private transient boolean armed;
    private transient long seen;

    FailOnce(long failAt) {
      this.failAt = failAt;
    }

    @Override
    public void open(RuntimeContext context) {
      armed = failAt > 0 && context.attemptNumber() == 0 && context.subtaskIndex() == 0;
    }

    @Override
    public Long map(Long value) {
      if (armed && ++seen == failAt / 2) {
        throw new IllegalStateException("injected failure at record " + seen);
      }
      return value;
    }
  }

  /** Emits (key, running sum of the key's values) after every record. */
  static final class RunningSum implements KeyedProcessFunction<Long, Long, Tuple2<Long, Long>> {
    private transient ValueState<Long> sum;

    @Override
    public void open(RuntimeContext context) {
      sum = context.state().getState(new ValueStateDescriptor<>("sum", Types.LONG));
    }

    @Override
    public void processElement(Long value, Context<Long> ctx, Collector<Tuple2<Long, Long>> out) {
      Long current = sum.value();
      long next = (current == null ? 0 : current) + value;
      sum.update(next);
      out.collect(Tuple2.of(ctx.currentKey(), next));
    }
  }
}
