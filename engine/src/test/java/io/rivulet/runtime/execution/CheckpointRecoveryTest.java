package io.rivulet.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.JobExecutionResult;
import io.rivulet.api.RestartStrategy;
import io.rivulet.api.StateBackendKind;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.Tuple2;
import io.rivulet.api.connector.CollectSink;
import io.rivulet.api.functions.Collector;
import io.rivulet.api.functions.KeyedProcessFunction;
import io.rivulet.api.functions.MapFunction;
import io.rivulet.api.functions.RuntimeContext;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A failure in the middle of a stream: the job restarts from the latest checkpoint, and what reaches the
 * exactly-once sink equals a run without failure (no record lost, none counted twice in state or output).
 */
class CheckpointRecoveryTest {
  private static final TypeSerializer<Tuple2<Long, Long>> PAIR = Types.tuple2(Types.LONG, Types.LONG);
  private static final long RECORDS = 60_000;
  private static final int KEYS = 50;

  @TempDir
  Path checkpoints;

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void outputAfterAFailureEqualsAFailureFreeRun(StateBackendKind backend) throws Exception {
    Run clean = run(backend, -1);
    Run failed = run(backend, RECORDS / 2);

    assertThat(clean.result.restarts()).isZero();
    assertThat(failed.result.restarts()).as("the injected failure restarted the job once").isEqualTo(1);
    assertThat(failed.result.completedCheckpoints()).as("checkpoints completed before and after").isGreaterThan(1);
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
    env.fromGenerator(i -> i, RECORDS, 40_000, Types.LONG)
        .map(new FailOnce(failAt)).returns(Types.LONG)
        .keyBy(i -> i % KEYS, Types.LONG)
        .process(new RunningSum(), PAIR)
        .sinkTo(sink);
    JobExecutionResult result = env.execute("recovery");
    List<Tuple2<Long, Long>> out = CollectSink.results(sink.id());
    CollectSink.release(sink.id());
    return new Run(result, out);
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
