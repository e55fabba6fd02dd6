package io.rivulet.runtime.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Context;
import io.rivulet.api.DataStream;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.CollectSink;
import io.rivulet.api.connector.GeneratorSource;
import io.rivulet.api.connector.SourceGate;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.tuple.Tuple2;
import io.rivulet.runtime.checkpoint.CheckpointStorage;
import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.checkpoint.TaskStateSnapshot;
import io.rivulet.runtime.network.StreamEvent;
import io.rivulet.runtime.network.grpc.DataExchange;
import io.rivulet.runtime.state.backends.StateBackends;
import io.rivulet.runtime.tasks.CheckpointResponder;
import io.rivulet.runtime.tasks.LatencyListener;
import io.rivulet.runtime.tasks.StreamTask;
import io.rivulet.runtime.tasks.TaskInfo;
import io.rivulet.runtime.tasks.TaskListener;
import io.rivulet.runtime.tasks.TaskServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two "task runtimes" in one JVM, each with its own {@link DataExchange} on a loopback port, run one job whose
 * subtasks are split between them: records cross both local channels and gRPC channels in both directions.
 */
class ClusterWiringTest {
  private static final TypeSerializer<Tuple2<Long, Long>> PAIR = Types.tuple2(Types.LONG, Types.LONG);
  /** A bound for what is sure to happen: a test waits that long only if something is broken. */
  private static final Duration LONG_ENOUGH = Duration.ofSeconds(120);

  @TempDir Path checkpoints;
  private ScheduledExecutorService timer;
  private ExecutorService checkpointIo;
  private FakeRuntime a;
  private FakeRuntime b;

  @BeforeEach
  void start() throws Exception {
    timer = Executors.newSingleThreadScheduledExecutor();
    checkpointIo = Executors.newFixedThreadPool(2);
    a = new FakeRuntime("A");
    b = new FakeRuntime("B");
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    timer.shutdownNow();
    checkpointIo.shutdownNow();
  }

  @Test
  void keyedReduceSplitOverTwoRuntimesIsExact() throws Exception {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    env.fromSequence(0, 9_999).map(x -> Tuple2.of(x % 10, x), PAIR)
        .keyBy(Tuple2::f0, Types.LONG)
        .reduce((x, y) -> Tuple2.of(x.f0(), x.f1() + y.f1()))
        .sinkTo(sink);
    JobGraph graph = env.jobGraph("split reduce");
    assertThat(graph.vertices()).hasSize(2);
    int source = graph.vertices().get(0).id();
    int reduce = graph.vertices().get(1).id();
    // each runtime has one source and one reducer: every producer has one local and one remote consumer
    Placement placement = place(graph, (v, i) -> (v == source) == (i == 0) ? a : b);

    Run run = new Run(graph, placement);
    AttemptChannels onA = run.wire(a);
    AttemptChannels onB = run.wire(b);
    assertThat(List.of(onA.localChannels(), onA.remoteOutputChannels(), onA.remoteInputChannels()))
        .containsExactly(1, 1, 1);
    assertThat(List.of(onB.localChannels(), onB.remoteOutputChannels(), onB.remoteInputChannels()))
        .containsExactly(1, 1, 1);
    run.runToEnd();

    List<Tuple2<Long, Long>> out = CollectSink.results(sink.id());
    CollectSink.release(sink.id());
    assertThat(out).hasSize(10_000);
    Map<Long, Long> finalSums = new TreeMap<>();
    Map<Long, Long> counts = new TreeMap<>();
    for (Tuple2<Long, Long> t : out) {
      finalSums.merge(t.f0(), t.f1(), Math::max); // running sums of non-negative numbers only grow
      counts.merge(t.f0(), 1L, Long::sum);
    }
    Map<Long, Long> expected = new TreeMap<>();
    LongStream.rangeClosed(0, 9_999).forEach(x -> expected.merge(x % 10, x, Long::sum));
    assertThat(finalSums).isEqualTo(expected);
    assertThat(counts).containsOnlyKeys(expected.keySet()).allSatisfy((k, n) -> assertThat(n).isEqualTo(1_000L));
    assertThat(run.tasks.get(new SubtaskId(reduce, 0)).metrics().recordsIn()
        + run.tasks.get(new SubtaskId(reduce, 1)).metrics().recordsIn()).isEqualTo(10_000);

    // the job ended: releasing forgets its channels on both ends of both runtimes
    var aToB = a.exchange.connectionTo("127.0.0.1", b.exchange.port());
    var bToA = b.exchange.connectionTo("127.0.0.1", a.exchange.port());
    assertThat(List.of(aToB.channelCount(), bToA.channelCount(), a.exchange.registry().bound(),
        b.exchange.registry().bound())).containsExactly(1, 1, 1, 1);
    onA.release();
    onB.release();
    assertThat(List.of(aToB.channelCount(), bToA.channelCount(), a.exchange.registry().bound(),
        b.exchange.registry().bound())).containsExactly(0, 0, 0, 0);
  }

  @Test
  void tasksCountBytesOnNetworkChannelsOnlyAndEndWithTheFinalWatermark() throws Exception {
    JobGraph graph = splitReduceGraph();
    CollectSink<Tuple2<Long, Long>> sink = sinkOf(graph);
    int source = graph.vertices().get(0).id();
    int reduce = graph.vertices().get(1).id();
    Placement placement = place(graph, (v, i) -> (v == source) == (i == 0) ? a : b);
    Run run = new Run(graph, placement);
    run.wire(a);
    run.wire(b);
    StreamTask reducer = run.tasks.get(new SubtaskId(reduce, 0));
    var config = graph.config();
    // one local and one remote input channel: both kinds of buffers are counted, each kind in its own pool
    assertThat(reducer.metrics().inputCount()).isEqualTo(1);
    assertThat(reducer.inputGate(0).exclusiveBuffersCapacity()).isEqualTo(2 * config.exclusiveBuffersPerChannel());
    assertThat(reducer.inputGate(0).floatingBuffersCapacity()).isEqualTo(2 * config.floatingBuffersPerGate());
    assertThat(reducer.metrics().currentWatermark()).as("no watermark before the task ran").isEqualTo(Long.MIN_VALUE);
    run.runToEnd();
    CollectSink.release(sink.id());

    List<StreamTask> sources = List.of(run.tasks.get(new SubtaskId(source, 0)), run.tasks.get(new SubtaskId(source, 1)));
    List<StreamTask> reducers = List.of(reducer, run.tasks.get(new SubtaskId(reduce, 1)));
    long sent = sources.stream().mapToLong(t -> t.metrics().bytesOut()).sum();
    long received = reducers.stream().mapToLong(t -> t.metrics().bytesIn()).sum();
    // about half of the 100 records cross a remote channel, each at least a flag byte and its two fields
    assertThat(sent).as("bytes sent over the two remote channels").isGreaterThan(100);
    assertThat(received).as("every byte sent arrived").isEqualTo(sent);
    assertThat(sources).allSatisfy(t -> {
      assertThat(t.metrics().bytesIn()).as("sources have no input").isZero();
      assertThat(t.metrics().outputChannelCount()).isEqualTo(2);
      assertThat(t.metrics().outputQueueLength()).as("all taken at the end").isZero();
    });
    assertThat(reducers).allSatisfy(t -> {
      assertThat(t.metrics().currentWatermark()).as("bounded sources end with the final watermark").isEqualTo(Long.MAX_VALUE);
      assertThat(t.metrics().inputQueueLength()).isZero();
      assertThat(t.inputGate(0).floatingBuffersInUse()).isZero();
      assertThat(t.inputGate(0).exclusiveBuffersInUse()).isZero();
    });
  }

  @Test
  void forwardAndGlobalEdgesAcrossRuntimes() throws Exception {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    CollectSink<Long> sink = new CollectSink<>();
    DataStream<Long> doubled = env.fromSequence(1, 2_000).map(x -> x * 2, Types.LONG).disableChaining();
    doubled.global().sinkTo(sink).parallelism(1);
    JobGraph graph = env.jobGraph("forward and global");
    assertThat(graph.vertices()).hasSize(3);
    int source = graph.vertices().get(0).id();
    // source 0 on A feeds map 0 on B (forward, remote); source 1 and map 1 are both on B (local);
    // both maps feed the single sink on A (global, remote)
    Placement placement = place(graph, (v, i) -> v == source && i == 0 || graph.vertex(v).parallelism() == 1 ? a : b);

    Run run = new Run(graph, placement);
    AttemptChannels onA = run.wire(a);
    AttemptChannels onB = run.wire(b);
    assertThat(List.of(onA.localChannels(), onA.remoteOutputChannels(), onA.remoteInputChannels()))
        .containsExactly(0, 1, 2);
    assertThat(List.of(onB.localChannels(), onB.remoteOutputChannels(), onB.remoteInputChannels()))
        .containsExactly(1, 2, 1);
    run.runToEnd();

    List<Long> out = CollectSink.results(sink.id());
    CollectSink.release(sink.id());
    assertThat(out).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 2_000).map(x -> x * 2).boxed().toList());
  }

  @Test
  void channelsWiredWhileServingAnRpcOutliveThatRpc() throws Exception {
    // a task runtime wires while serving Deploy: the connections it opens must not inherit that call's
    // gRPC context, which is cancelled as soon as Deploy returns
    JobGraph graph = splitReduceGraph();
    CollectSink<Tuple2<Long, Long>> sink = sinkOf(graph);
    int source = graph.vertices().get(0).id();
    Placement placement = place(graph, (v, i) -> v == source ? a : b);
    Run run = new Run(graph, placement);
    for (FakeRuntime r : List.of(a, b)) {
      Context.CancellableContext deployCall = Context.current().withCancellation();
      deployCall.call(() -> run.wire(r));
      deployCall.cancel(null);
    }
    run.runToEnd();
    assertThat(CollectSink.<Tuple2<Long, Long>>results(sink.id())).hasSize(100);
    CollectSink.release(sink.id());
  }

  @SuppressWarnings("unchecked")
  private static CollectSink<Tuple2<Long, Long>> sinkOf(JobGraph graph) {
    var spec = graph.vertices().get(1).operators().get(1).spec();
    return (CollectSink<Tuple2<Long, Long>>) ((io.rivulet.api.graph.OperatorSpec.SinkOp) spec).sink();
  }

  @Test
  void releaseForgetsChannelsThatStillWaitForTheirProducer() throws Exception {
    JobGraph graph = splitReduceGraph();
    int source = graph.vertices().get(0).id();
    Placement placement = place(graph, (v, i) -> v == source ? a : b);
    Run run = new Run(graph, placement);
    AttemptChannels onB = run.wire(b); // A never deploys: B's four input channels wait for their producers
    assertThat(onB.remoteInputChannels()).isEqualTo(4);
    assertThat(b.exchange.registry().waiting()).isEqualTo(4);
    onB.release();
    assertThat(b.exchange.registry().waiting()).isZero();
  }

  @Test
  void refusesTasksThatThePlacementPutsElsewhere() throws Exception {
    JobGraph graph = splitReduceGraph();
    int source = graph.vertices().get(0).id();
    Placement placement = place(graph, (v, i) -> v == source ? a : b);
    Run run = new Run(graph, placement);
    Map<SubtaskId, StreamTask> wrong = run.createTasks(b);
    wrong.putAll(run.createTasks(a)); // B claims A's sources too
    ClusterWiring wiring = new ClusterWiring(graph, "job-1", 0, placement, b.id, b.exchange);
    assertThatThrownBy(() -> wiring.wire(wrong)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is placed on A but was deployed on B");
    assertThat(b.exchange.registry().waiting()).as("nothing published").isZero();
  }

  @Test
  void placementMustCoverEverySubtask() {
    JobGraph graph = splitReduceGraph();
    JobVertex v = graph.vertices().get(0);
    Placement.Builder builder = Placement.builder().place(v.id(), 0, a.location());
    assertThatThrownBy(() -> builder.build(graph)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("subtask 2/2 of vertex");
  }

  private static JobGraph splitReduceGraph() {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.fromSequence(0, 99).map(x -> Tuple2.of(x % 10, x), PAIR).keyBy(Tuple2::f0, Types.LONG)
        .reduce((x, y) -> Tuple2.of(x.f0(), x.f1() + y.f1())).sinkTo(new CollectSink<>());
    return env.jobGraph("split reduce");
  }

  @Test
  void latencyMarkersCrossTheGrpcExchangeInBandAndReachBothSinkSubtasks() throws Exception {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.config().latencyMarkerInterval(Duration.ofMillis(5));
    CollectSink<Long> sink = new CollectSink<>();
    long records = 200_000;
    // the input ends only once both sink subtasks got a marker (the source keeps sending them while it is held)
    SourceGate.Latch end = SourceGate.latch();
    env.fromSource(new GeneratorSource<>(i -> i, records, 0, Types.LONG, "Generator").holdAt(records, end), null,
        "Generator").parallelism(1).rebalance().map(x -> x * 2).returns(Types.LONG).sinkTo(sink);
    JobGraph graph = env.jobGraph("latency over grpc");
    assertThat(graph.vertices()).hasSize(2);
    int source = graph.vertices().get(0).id();
    int sinks = graph.vertices().get(1).id();
    // the source and sink subtask 0 on A (a local channel), sink subtask 1 on B (gRPC)
    Placement placement = place(graph, (v, i) -> v == source || i == 0 ? a : b);
    Map<Integer, List<StreamEvent.LatencyMarker>> bySubtask = new ConcurrentHashMap<>();
    Run run = new Run(graph, placement, (task, marker, arrival) -> {
      assertThat(task.info().vertex().id()).isEqualTo(sinks);
      assertThat(arrival).isGreaterThanOrEqualTo(marker.emitTimeMillis());
      bySubtask.computeIfAbsent(task.info().subtaskIndex(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
          .add(marker);
    });
    run.wire(a);
    run.wire(b);
    run.start();
    await().atMost(LONG_ENOUGH).until(() -> bySubtask.size() == 2 || !run.failures.isEmpty());
    end.open();
    run.awaitEnd();

    List<Long> out = CollectSink.results(sink.id());
    CollectSink.release(sink.id());
    assertThat(out.stream().sorted().toList()).as("every record once")
        .isEqualTo(LongStream.range(0, records).map(x -> x * 2).boxed().toList());
    assertThat(bySubtask).containsOnlyKeys(0, 1);
    assertThat(bySubtask.get(0)).isNotEmpty().allSatisfy(m -> {
      assertThat(m.exchanges()).isEqualTo("LOCAL");
      assertThat(m.sourceVertex()).isEqualTo(source);
    });
    assertThat(bySubtask.get(1)).isNotEmpty().allSatisfy(m -> {
      assertThat(m.exchanges()).isEqualTo("DIRECT");
      assertThat(m.sourceVertex()).isEqualTo(source);
    });
  }

  private static Placement place(JobGraph graph, BiFunction<Integer, Integer, FakeRuntime> where) {
    Placement.Builder builder = Placement.builder();
    for (JobVertex v : graph.vertices()) {
      for (int i = 0; i < v.parallelism(); i++) {
        builder.place(v.id(), i, where.apply(v.id(), i).location());
      }
    }
    return builder.build(graph);
  }

  /** One attempt of a job over both fake runtimes; finishes the job when every task has finished. */
  private final class Run implements TaskListener {
    private final JobGraph graph;
    private final Placement placement;
    private final Map<SubtaskId, StreamTask> tasks = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<SubtaskId, Throwable> failures = new ConcurrentHashMap<>();
    private final Map<SubtaskId, Boolean> finished = new ConcurrentHashMap<>();
    private final TaskServices services;

    Run(JobGraph graph, Placement placement) {
      this(graph, placement, LatencyListener.NONE);
    }

    Run(JobGraph graph, Placement placement, LatencyListener latency) {
      this.graph = graph;
      this.placement = placement;
      this.services = new TaskServices(StateBackends.INSTANCE, new CheckpointStorage(checkpoints.resolve("job-1")),
          timer, checkpointIo, new NoCheckpoints(), latency);
    }

    Map<SubtaskId, StreamTask> createTasks(FakeRuntime runtime) {
      Map<SubtaskId, StreamTask> local = new HashMap<>();
      for (JobVertex v : graph.vertices()) {
        for (int i = 0; i < v.parallelism(); i++) {
          if (placement.isOn(new SubtaskId(v.id(), i), runtime.id)) {
            TaskInfo info = new TaskInfo("job-1", graph, v, i, 0);
            local.put(info.subtaskId(), new StreamTask(info, services, this, getClass().getClassLoader(), null));
          }
        }
      }
      return local;
    }

    AttemptChannels wire(FakeRuntime runtime) {
      Map<SubtaskId, StreamTask> local = createTasks(runtime);
      AttemptChannels channels = new ClusterWiring(graph, "job-1", 0, placement, runtime.id, runtime.exchange)
          .wire(local);
      tasks.putAll(local);
      return channels;
    }

    void runToEnd() throws InterruptedException {
      start();
      awaitEnd();
    }

    void start() {
      assertThat(tasks).hasSize(graph.subtaskCount());
      for (StreamTask t : tasks.values()) {
        Thread thread = new Thread(t, "rivulet-task " + t.info().displayName());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
    }

    void awaitEnd() throws InterruptedException {
      await().atMost(LONG_ENOUGH).until(() -> !failures.isEmpty() || finished.size() == tasks.size());
      assertThat(failures).isEmpty();
      tasks.values().forEach(StreamTask::notifyJobFinished);
      for (Thread t : threads) {
        t.join(LONG_ENOUGH.toMillis());
        assertThat(t.isAlive()).as(t.getName() + " ended").isFalse();
      }
      assertThat(tasks.values()).allSatisfy(t -> assertThat(t.state()).isEqualTo(StreamTask.State.FINISHED));
    }

    @Override
    public void onRunning(StreamTask task) {}

    @Override
    public void onFinished(StreamTask task) {
      finished.put(task.info().subtaskId(), true);
    }

    @Override
    public void onFailed(StreamTask task, Throwable error) {
      failures.put(task.info().subtaskId(), error);
    }

    @Override
    public void onTerminated(StreamTask task) {}
  }

  private static final class FakeRuntime implements AutoCloseable {
    final String id;
    final DataExchange exchange;

    FakeRuntime(String id) throws Exception {
      this.id = id;
      this.exchange = new DataExchange("127.0.0.1", 0);
    }

    TaskLocation location() {
      return new TaskLocation(id, "127.0.0.1", exchange.port());
    }

    @Override
    public void close() {
      exchange.close();
    }
  }

  private static final class NoCheckpoints implements CheckpointResponder {
    @Override
    public void acknowledge(SubtaskId subtask, int attempt, long checkpointId, TaskStateSnapshot state) {}

    @Override
    public void decline(SubtaskId subtask, int attempt, long checkpointId, String reason) {}
  }
}
