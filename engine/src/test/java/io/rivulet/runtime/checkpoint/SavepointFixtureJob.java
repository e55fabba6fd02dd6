package io.rivulet.runtime.checkpoint;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.tuple.Tuple2;
import io.rivulet.api.connector.CollectSink;
import io.rivulet.api.connector.GeneratorSource;
import io.rivulet.api.connector.SourceGate;
import io.rivulet.api.functions.Collector;
import io.rivulet.api.functions.KeyedProcessFunction;
import io.rivulet.api.functions.RuntimeContext;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The job of the checked-in savepoints under {@code savepoints/v1/}: a generator of the indexes 0..{@link #RECORDS}-1
 * (two subtasks, each with its position as non-keyed operator state), keyed by {@code index % KEYS} into a running
 * sum per key (keyed state: a {@code ValueState<Long>}), into a collecting sink. {@link WriteSavepointFixtures} takes
 * the savepoint when exactly the indexes below {@link #SAVEPOINT_AT} were summed; a run restored from it emits the
 * running sums of the indexes from {@link #SAVEPOINT_AT} on, which {@link #expectedAfterRestore} computes.
 *
 * <p>Everything here is part of what the fixtures hold: the operator uids, the state name and serializers, the key
 * and the source's split. Changing any of them breaks the restore test on purpose.
 */
final class SavepointFixtureJob {
  static final long RECORDS = 400;
  static final long SAVEPOINT_AT = 150;
  /**
   * Even, so that a key's indexes all have one parity and so come from one source subtask (they split the indexes
   * strided, evens and odds): each key's records then arrive in index order and its running sums are exact.
   */
  static final long KEYS = 8;
  static final TypeSerializer<Tuple2<Long, Long>> PAIR = Types.tuple2(Types.LONG, Types.LONG);
  /** Records summed per run id, for the fixture writer to wait on. */
  static final Map<String, AtomicLong> SUMMED = new ConcurrentHashMap<>();

  private SavepointFixtureJob() {}

  /**
   * @param hold where the sources wait, at {@link #SAVEPOINT_AT}; null for a source that runs to the end
   * @param runId counts the records summed under this id in {@link #SUMMED}; null for no counting
   * @param restoreFrom a savepoint directory, or null
   */
  static JobGraph graph(StateBackendKind backend, int sumParallelism, SourceGate hold, String runId,
      CollectSink<Tuple2<Long, Long>> sink, String checkpointDirectory, String restoreFrom) {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2).setStateBackend(backend);
    env.config().checkpointDirectory(checkpointDirectory);
    if (restoreFrom != null) {
      env.config().restoreFrom(restoreFrom);
    }
    GeneratorSource<Long> source = new GeneratorSource<>(i -> i, RECORDS, 0, Types.LONG, "Generator");
    if (hold != null) {
      source = source.holdAt(SAVEPOINT_AT, hold);
    }
    env.fromSource(source, null, "Generator").uid("generator")
        .keyBy(i -> i % KEYS, Types.LONG)
        .process(new RunningSum(runId), PAIR).uid("running-sum").parallelism(sumParallelism)
        .sinkTo(sink).uid("collect");
    return env.jobGraph("savepoint-fixture");
  }

  /** The running sums a run restored from the savepoint emits: one per index from {@link #SAVEPOINT_AT} on. */
  static List<Tuple2<Long, Long>> expectedAfterRestore() {
    long[] sums = new long[(int) KEYS];
    List<Tuple2<Long, Long>> out = new ArrayList<>();
    for (long i = 0; i < RECORDS; i++) {
      int key = (int) (i % KEYS);
      sums[key] += i;
      if (i >= SAVEPOINT_AT) {
        out.add(Tuple2.of((long) key, sums[key]));
      }
    }
    return out;
  }

  /** Emits (key, running sum of the key's indexes) for every index. */
  static final class RunningSum implements KeyedProcessFunction<Long, Long, Tuple2<Long, Long>> {
    private final String runId;
    private transient ValueState<Long> sum;
    private transient AtomicLong summed;

    RunningSum(String runId) {
      this.runId = runId;
    }

    @Override
    public void open(RuntimeContext context) {
      sum = context.state().getState(new ValueStateDescriptor<>("sum", Types.LONG));
      summed = runId == null ? null : SUMMED.computeIfAbsent(runId, id -> new AtomicLong());
    }

    @Override
    public void processElement(Long value, Context<Long> ctx, Collector<Tuple2<Long, Long>> out) {
      Long current = sum.value();
      long next = (current == null ? 0 : current) + value;
      sum.update(next);
      out.collect(Tuple2.of(ctx.currentKey(), next));
      if (summed != null) {
        summed.incrementAndGet();
      }
    }
  }
}
