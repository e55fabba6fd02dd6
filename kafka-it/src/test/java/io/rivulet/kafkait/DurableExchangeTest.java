package io.rivulet.kafkait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rivulet.api.JobExecutionResult;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.config.RestartStrategy;
import io.rivulet.api.connector.CollectSink;
import io.rivulet.api.connector.GeneratorSource;
import io.rivulet.api.connector.SourceGate;
import io.rivulet.api.functions.Collector;
import io.rivulet.api.functions.KeyedProcessFunction;
import io.rivulet.api.functions.MapFunction;
import io.rivulet.api.functions.ProcessWindowFunction;
import io.rivulet.api.functions.RuntimeContext;
import io.rivulet.api.serialization.DataInputDeserializer;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;
import io.rivulet.api.tuple.Tuple2;
import io.rivulet.api.watermark.WatermarkStrategy;
import io.rivulet.api.windowing.TimeWindow;
import io.rivulet.api.windowing.TumblingEventTimeWindows;
import io.rivulet.kafka.exchange.DurableEdge;
import io.rivulet.kafka.exchange.Envelope;
import io.rivulet.kafka.exchange.EnvelopeCodec;
import io.rivulet.kafka.exchange.EnvelopeKind;
import io.rivulet.kafka.local.LocalKafka;
import io.rivulet.kafka.local.LocalKafkaExtension;
import io.rivulet.runtime.checkpoint.CheckpointStorage;
import io.rivulet.runtime.checkpoint.CompletedCheckpoint;
import io.rivulet.runtime.execution.LocalExecutor;
import io.rivulet.runtime.execution.LocalJobHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DURABLE exchange in the embedded executor, against a real broker (one for the test run): keyed results are
 * exact, watermarks cross the topic, and a failure after checkpoints gives the same state and output as a run
 * without one, with the consumers' offsets restored from the checkpoint.
 */
@ExtendWith(LocalKafkaExtension.class)
class DurableExchangeTest {
  private static final TypeSerializer<Tuple2<Long, Long>> PAIR = Types.tuple2(Types.LONG, Types.LONG);
  /** A bound for what is sure to happen (checkpoints, watermarks and deletions come; how fast is the machine's). */
  private static final Duration LONG_ENOUGH = Duration.ofSeconds(120);

  @TempDir
  Path checkpoints;

  private static StreamEnvironment env(LocalKafka kafka, int parallelism) {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism).setKafkaBootstrapServers(kafka.bootstrapServers());
    return env;
  }

  @Test
  void keyByOverDurableThenReduceIsExact(LocalKafka kafka) throws Exception {
    long n = 50_000;
    int keys = 97;
    StreamEnvironment env = env(kafka, 2);
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    env.fromSequence(0, n - 1)
        .map(i -> Tuple2.of(i % keys, i)).returns(PAIR)
        .keyBy(t -> t.f0(), Types.LONG).durable()
        .reduce((a, b) -> Tuple2.of(a.f0(), a.f1() + b.f1()))
        .sinkTo(sink);
    env.execute("durable reduce");
    Map<Long, Long> last = new HashMap<>();
    for (Tuple2<Long, Long> t : take(sink)) {
      last.put(t.f0(), t.f1()); // per key the running sums arrive in order: the last is the total
    }
    Map<Long, Long> expected = new HashMap<>();
    for (long i = 0; i < n; i++) {
      expected.merge(i % keys, i, Long::sum);
    }
    assertThat(last).isEqualTo(expected);
    // the deletion has been accepted when the job ends; the broker may list the topic a little longer
    await().atMost(LONG_ENOUGH).until(() -> topicsOf(kafka, "durable-reduce").isEmpty());
  }

  /**
   * What the consumers build on: in every partition, each producer's records are there complete and in the order it
   * sent them, followed by its end. The topic is new when the producers start, so their first produce requests may
   * be refused (NOT_LEADER_OR_FOLLOWER) while the broker still applies the topic's creation; the retries must keep
   * the order and must not lose the refused records (KAFKA-15591 with more than one request in flight).
   */
  @Test
  void eachProducerWritesEveryPartitionCompleteAndInOrder(LocalKafka kafka) throws Exception {
    long n = 100_000;
    int partitions = 2 * 32; // many new partitions: the broker takes longer to create them, the race is likelier
    StreamEnvironment env = env(kafka, 2);
    env.config().durableExchangeProperty("partitions.per.consumer", "32");
    env.config().durableExchangeProperty("delete.topics", "false");
    CollectSink<Long> sink = new CollectSink<>();
    env.fromSequence(0, n - 1) // subtask i sends a contiguous range, ascending
        .keyBy(i -> i % 101, Types.LONG).durable()
        .map(i -> i, Types.LONG)
        .sinkTo(sink);
    int edgeId = env.jobGraph("ordered").edges().stream()
        .filter(e -> e.exchange() == io.rivulet.api.graph.Exchange.DURABLE).findFirst().orElseThrow().id();
    JobExecutionResult result = env.execute("ordered");
    assertThat(take(sink)).hasSize((int) n);

    String topic = DurableEdge.topicName("ordered", result.jobId(), edgeId);
    Map<String, Long> last = new HashMap<>(); // per (partition, producer): the last value, Long.MAX_VALUE after END
    java.util.BitSet values = new java.util.BitSet();
    List<String> problems = new ArrayList<>();
    readTopic(kafka, topic, (partition, offset, envelope, value) -> {
      String pair = "partition " + partition + " producer " + envelope.producer();
      Long previous = last.get(pair);
      if (previous != null && previous == Long.MAX_VALUE) {
        problems.add(pair + ": " + envelope + " at offset " + offset + " after its end");
      } else if (envelope.kind() == EnvelopeKind.END) {
        last.put(pair, Long.MAX_VALUE);
      } else if (envelope.kind() == EnvelopeKind.RECORD || envelope.kind() == EnvelopeKind.RECORDS) {
        if (previous != null && value <= previous) {
          problems.add(pair + ": " + value + " at offset " + offset + " after " + previous);
        }
        if (values.get((int) value)) {
          problems.add(pair + ": " + value + " at offset " + offset + " twice");
        }
        values.set((int) value);
        last.put(pair, value);
      }
    });
    assertThat(problems).as("records out of order, twice or after the end in " + topic).isEmpty();
    assertThat(values.cardinality()).as("distinct records in " + topic + " (first missing: "
        + values.nextClearBit(0) + ")").isEqualTo((int) n);
    assertThat(last).as("every producer ended every partition").hasSize(partitions * 2).allSatisfy(
        (pair, v) -> assertThat(v).as(pair).isEqualTo(Long.MAX_VALUE));
  }

  @Test
  void rebalanceOverDurableKeepsEveryRecordOnce(LocalKafka kafka) throws Exception {
    StreamEnvironment env = env(kafka, 3);
    env.config().durableExchangeProperty("partitions.per.consumer", "3");
    CollectSink<Long> sink = new CollectSink<>();
    env.fromSequence(0, 29_999).exchange(io.rivulet.api.graph.Exchange.DURABLE)
        .map(x -> x + 1).returns(Types.LONG).sinkTo(sink);
    env.execute("durable rebalance");
    assertThat(take(sink)).hasSize(30_000).doesNotHaveDuplicates().allMatch(x -> x >= 1 && x <= 30_000);
  }

  @Test
  void eventTimeWindowAfterDurableKeyByFiresOnWatermarksThatCrossedTheTopic(LocalKafka kafka) throws Exception {
    StreamEnvironment env = env(kafka, 2);
    env.config().autoWatermarkInterval(Duration.ofMillis(10));
    CollectSink<String> sink = new CollectSink<>();
    long windows = 20;
    long perWindow = 500;
    long keys = 4;
    // 20 windows of 1 s event time, 500 records each. Once all records are out, the periodic watermarks stand at
    // 19,497 or 19,498 (the last timestamps of the two subtasks, minus one): every window but the last of each key
    // can fire before the end of input, and the source waits at its end until they all did, on watermarks that
    // crossed the topic. The last window of each key fires on the final watermark.
    long early = (windows - 1) * keys;
    String run = UUID.randomUUID().toString();
    SourceGate.Latch end = SourceGate.latch();
    env.fromSource(new GeneratorSource<>(i -> i, windows * perWindow, 0, Types.LONG, "Generator")
            .holdAt(windows * perWindow, end), null, "Generator")
        .assignTimestampsAndWatermarks(WatermarkStrategy.<Long>forMonotonousTimestamps()
            .withTimestampAssigner((i, ts) -> i / perWindow * 1000 + i % perWindow))
        .keyBy(i -> i % keys, Types.LONG).durable()
        .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
        .process(new CountWithWatermark(run), Types.STRING)
        .sinkTo(sink);
    try {
      LocalJobHandle job = new LocalExecutor().start(env.jobGraph("durable window"));
      awaitWhileRunning(job, () -> CountWithWatermark.firedEarly(run) >= early);
      end.open();
      job.result().get(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS);
    } finally {
      CountWithWatermark.EARLY.remove(run);
    }
    List<String> out = take(sink);
    assertThat(out).hasSize((int) (windows * keys));
    for (String s : out) {
      assertThat(s).endsWith(" count=" + perWindow / keys);
    }
    List<String> firedBeforeEnd = out.stream().filter(s -> !s.contains("watermark=" + Long.MAX_VALUE)).toList();
    assertThat(firedBeforeEnd).as("windows fired by watermarks from the topic, before the end of input: " + out)
        .hasSize((int) early).noneMatch(s -> s.contains("window=" + (windows - 1) * 1000 + " "));
  }

  @Test
  void failureAfterCheckpointsGivesExactlyOnceStateAndOutput(LocalKafka kafka) throws Exception {
    Run clean = runningSums(kafka, -1, -1);
    Run downstream = runningSums(kafka, -1, 12_000);
    Run upstream = runningSums(kafka, 12_000, -1);
    assertThat(clean.result.restarts()).isZero();
    for (Run failed : List.of(downstream, upstream)) {
      assertThat(failed.result.restarts()).isEqualTo(1);
      assertThat(failed.result.completedCheckpoints()).isGreaterThan(1);
      assertThat(failed.output).containsExactlyInAnyOrderElementsOf(clean.output);
    }
    // the checkpoints hold the consumers' positions: the restarted consumers sought to them
    assertThat(downstream.durableStateKeys).contains("durable-e" + downstream.edgeId);
  }

  private record Run(JobExecutionResult result, List<Tuple2<Long, Long>> output, List<String> durableStateKeys,
      int edgeId) {}

  /**
   * A run of 40,000 records, keyed over a DURABLE edge into running sums. A run that fails waits before the failure
   * for a checkpoint to complete (its source is held at index 8,000 until one did: the upstream failure comes at
   * subtask 0's 12,000th record, index 23,998, and the downstream one at the 12,000th record that reached subtask 0,
   * of fewer than 8,000 before the hold), and at the end of its input for another after the restart.
   */
  private Run runningSums(LocalKafka kafka, long failUpstreamAt, long failDownstreamAt) throws Exception {
    long records = 40_000;
    long hold = 8_000;
    boolean fails = failUpstreamAt > 0 || failDownstreamAt > 0;
    StreamEnvironment env = env(kafka, 2);
    env.enableCheckpointing(Duration.ofMillis(100))
        .setRestartStrategy(RestartStrategy.fixedDelay(2, Duration.ofMillis(10)));
    Path dir = checkpoints.resolve("run-" + failUpstreamAt + "-" + failDownstreamAt);
    env.config().checkpointDirectory(dir.toString());
    env.config().durableExchangeProperty("delete.topics", "false");
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    SourceGate.Latch checkpointed = SourceGate.latch();
    SourceGate.Latch checkpointedAfterRestart = SourceGate.latch();
    GeneratorSource<Long> source = new GeneratorSource<>(i -> i, records, 0, Types.LONG, "Generator");
    if (fails) {
      source = source.holdAt(hold, checkpointed).holdAt(records, checkpointedAfterRestart);
    }
    env.fromSource(source, null, "Generator")
        .map(new FailOnce(failUpstreamAt)).returns(Types.LONG)
        .keyBy(i -> i % 50, Types.LONG).durable()
        .process(new RunningSum(failDownstreamAt), PAIR)
        .sinkTo(sink);
    int edgeId = env.jobGraph("sums").edges().stream()
        .filter(e -> e.exchange() == io.rivulet.api.graph.Exchange.DURABLE).findFirst().orElseThrow().id();
    LocalJobHandle job = new LocalExecutor().start(env.jobGraph("sums"));
    if (fails) {
      awaitWhileRunning(job, () -> job.completedCheckpoints() >= 1);
      checkpointed.open();
      awaitWhileRunning(job, () -> job.restarts() == 1);
      long beforeRestart = job.completedCheckpoints();
      awaitWhileRunning(job, () -> job.completedCheckpoints() > beforeRestart);
      checkpointedAfterRestart.open();
    }
    JobExecutionResult result = job.result().get(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS);
    List<String> keys = new ArrayList<>();
    CompletedCheckpoint latest = latestCheckpoint(dir);
    if (latest != null) {
      latest.operators().values().forEach(op -> op.subtasks().values()
          .forEach(s -> keys.addAll(s.operatorState().keySet())));
    }
    return new Run(result, take(sink), keys, edgeId);
  }

  /** Waits for {@code condition}; a job that ended before it was met fails the test with the job's failure. */
  private static void awaitWhileRunning(LocalJobHandle job, Callable<Boolean> condition) throws Exception {
    await().atMost(LONG_ENOUGH).until(() -> condition.call() || job.result().isDone());
    if (!condition.call()) {
      job.result().get(); // throws the job's failure, if it failed
      throw new AssertionError("the job ended before the condition the test waited for was met");
    }
  }

  private static CompletedCheckpoint latestCheckpoint(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> metadata = files.filter(p -> p.getFileName().toString().equals("_metadata"))
          .sorted(java.util.Comparator.comparingLong(
              (Path p) -> Long.parseLong(p.getParent().getFileName().toString().replaceAll("\\D", ""))))
          .toList();
      return metadata.isEmpty() ? null
          : CheckpointStorage.load(metadata.get(metadata.size() - 1).getParent());
    }
  }

  private interface EnvelopeVisitor {
    /** {@code value} is the record's Long payload (RECORD, and each record of a RECORDS batch), else 0. */
    void visit(int partition, long offset, Envelope envelope, long value) throws Exception;
  }

  /**
   * Reads every partition of {@code topic} from the beginning to its current end, in offset order per partition;
   * each record of a RECORDS batch is visited on its own, in order, under the batch's offset.
   */
  private static void readTopic(LocalKafka kafka, String topic, EnvelopeVisitor visitor) throws Exception {
    DataInputDeserializer in = new DataInputDeserializer();
    EnvelopeCodec.RecordsCursor records = new EnvelopeCodec.RecordsCursor();
    TopicEnvelopes.read(kafka, topic, (partition, offset, envelope) -> {
      if (envelope.kind() == EnvelopeKind.RECORDS) {
        records.reset(envelope);
        while (records.next()) {
          in.setBuffer(records.buffer(), records.offset(), records.length());
          visitor.visit(partition, offset, envelope, Types.LONG.deserialize(in));
        }
        return;
      }
      long value = 0;
      if (envelope.kind() == EnvelopeKind.RECORD) {
        in.setBuffer(envelope.payloadBuffer(), envelope.payloadOffset(), envelope.payloadLength());
        value = Types.LONG.deserialize(in);
      }
      visitor.visit(partition, offset, envelope, value);
    });
  }

  private static <T> List<T> take(CollectSink<T> sink) {
    List<T> out = CollectSink.results(sink.id());
    CollectSink.release(sink.id());
    return out;
  }

  private static List<String> topicsOf(LocalKafka kafka, String prefix) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      return admin.listTopics().names().get().stream().filter(t -> t.startsWith(prefix)).toList();
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
      if (armed && ++seen == failAt) {
        throw new IllegalStateException("injected failure upstream of the durable edge at record " + seen);
      }
      return value;
    }
  }

  /** Emits (key, running sum) per record; may fail once in the first attempt of subtask 0. */
  static final class RunningSum implements KeyedProcessFunction<Long, Long, Tuple2<Long, Long>> {
    private final long failAt;
    private transient ValueState<Long> sum;
    private transient boolean armed;
    private transient long seen;

    RunningSum(long failAt) {
      this.failAt = failAt;
    }

    @Override
    public void open(RuntimeContext context) {
      sum = context.state().getState(new ValueStateDescriptor<>("sum", Types.LONG));
      armed = failAt > 0 && context.attemptNumber() == 0 && context.subtaskIndex() == 0;
    }

    @Override
    public void processElement(Long value, Context<Long> ctx, Collector<Tuple2<Long, Long>> out) {
      if (armed && ++seen == failAt) {
        throw new IllegalStateException("injected failure downstream of the durable edge at record " + seen);
      }
      Long current = sum.value();
      long next = (current == null ? 0 : current) + value;
      sum.update(next);
      out.collect(Tuple2.of(ctx.currentKey(), next));
    }
  }

  /** "key window count watermark-at-firing"; counts, per run, the windows that fired before the final watermark. */
  static final class CountWithWatermark implements ProcessWindowFunction<Long, String, Long, TimeWindow> {
    /** Per run: a JVM-wide count, since the tasks run deserialized copies of the function. */
    static final Map<String, AtomicInteger> EARLY = new ConcurrentHashMap<>();
    private final String run;

    CountWithWatermark(String run) {
      this.run = run;
    }

    static int firedEarly(String run) {
      AtomicInteger n = EARLY.get(run);
      return n == null ? 0 : n.get();
    }

    @Override
    public void process(Long key, Context<TimeWindow> ctx, Iterable<Long> elements, Collector<String> out) {
      if (ctx.currentWatermark() != Long.MAX_VALUE) {
        EARLY.computeIfAbsent(run, r -> new AtomicInteger()).incrementAndGet();
      }
      long n = 0;
      for (Long ignored : elements) {
        n++;
      }
      out.collect("key=" + key + " window=" + ctx.window().start() + " watermark=" + ctx.currentWatermark()
          + " count=" + n);
    }
  }
}
