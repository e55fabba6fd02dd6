package io.rivulet.kafkait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.CollectSink;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.tuple.Tuple2;
import io.rivulet.kafka.local.LocalKafka;
import io.rivulet.kafka.local.LocalKafkaExtension;
import io.rivulet.runtime.checkpoint.CheckpointStorage;
import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.checkpoint.TaskStateSnapshot;
import io.rivulet.runtime.deploy.AttemptChannels;
import io.rivulet.runtime.deploy.ClusterWiring;
import io.rivulet.runtime.deploy.Placement;
import io.rivulet.runtime.deploy.TaskLocation;
import io.rivulet.runtime.network.grpc.DataExchange;
import io.rivulet.runtime.state.backends.StateBackends;
import io.rivulet.runtime.tasks.CheckpointResponder;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ClusterWiring} with a DURABLE edge between two "task runtimes" in one JVM: the sources on runtime A write
 * to the topic, the reducers on runtime B read their own partitions; nothing else connects them.
 */
@ExtendWith(LocalKafkaExtension.class)
class DurableClusterWiringTest {
  private static final TypeSerializer<Tuple2<Long, Long>> PAIR = Types.tuple2(Types.LONG, Types.LONG);

  @TempDir
  Path checkpoints;

  @Test
  void durableEdgeBetweenRuntimesIsExact(LocalKafka kafka) throws Exception {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2).setKafkaBootstrapServers(kafka.bootstrapServers());
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    env.fromSequence(0, 9_999).map(x -> Tuple2.of(x % 10, x)).returns(PAIR)
        .keyBy(t -> t.f0(), Types.LONG).durable()
        .reduce((x, y) -> Tuple2.of(x.f0(), x.f1() + y.f1()))
        .sinkTo(sink);
    JobGraph graph = env.jobGraph("cluster durable");
    int source = graph.vertices().get(0).id();
    try (DataExchange a = new DataExchange("127.0.0.1", 0); DataExchange b = new DataExchange("127.0.0.1", 0)) {
      Placement.Builder pb = Placement.builder();
      for (JobVertex v : graph.vertices()) {
        for (int i = 0; i < v.parallelism(); i++) {
          pb.place(v.id(), i, v.id() == source ? new TaskLocation("A", "127.0.0.1", a.port())
              : new TaskLocation("B", "127.0.0.1", b.port()));
        }
      }
      Placement placement = pb.build(graph);
      var timer = Executors.newSingleThreadScheduledExecutor();
      var io = Executors.newFixedThreadPool(1);
      Map<SubtaskId, Boolean> finished = new ConcurrentHashMap<>();
      Map<SubtaskId, Throwable> failed = new ConcurrentHashMap<>();
      TaskListener listener = new TaskListener() {
        @Override
        public void onRunning(StreamTask task) {}

        @Override
        public void onFinished(StreamTask task) {
          finished.put(task.info().subtaskId(), true);
        }

        @Override
        public void onFailed(StreamTask task, Throwable error) {
          failed.put(task.info().subtaskId(), error);
        }

        @Override
        public void onTerminated(StreamTask task) {}
      };
      TaskServices services = new TaskServices(StateBackends.INSTANCE,
          new CheckpointStorage(checkpoints.resolve("job")), timer, io, new CheckpointResponder() {
            @Override
            public void acknowledge(SubtaskId s, int attempt, long id, TaskStateSnapshot state) {}

            @Override
            public void decline(SubtaskId s, int attempt, long id, String reason) {}
          });
      List<StreamTask> all = new ArrayList<>();
      List<AttemptChannels> attempts = new ArrayList<>();
      for (String runtime : List.of("A", "B")) {
        Map<SubtaskId, StreamTask> local = new HashMap<>();
        for (JobVertex v : graph.vertices()) {
          for (int i = 0; i < v.parallelism(); i++) {
            if (placement.isOn(new SubtaskId(v.id(), i), runtime)) {
              TaskInfo info = new TaskInfo("cluster-job-1", graph, v, i, 0);
              local.put(info.subtaskId(), new StreamTask(info, services, listener, getClass().getClassLoader(), null));
            }
          }
        }
        attempts.add(new ClusterWiring(graph, "cluster-job-1", 0, placement, runtime,
            runtime.equals("A") ? a : b).wire(local));
        all.addAll(local.values());
      }
      assertThat(attempts).allSatisfy(c -> assertThat(c.localChannels() + c.remoteInputChannels()
          + c.remoteOutputChannels()).as("no gRPC or local channel: the topic links A and B").isZero());
      List<Thread> threads = new ArrayList<>();
      for (StreamTask t : all) {
        Thread th = new Thread(t, "task " + t.info().displayName());
        th.setDaemon(true);
        threads.add(th);
        th.start();
      }
      await().atMost(Duration.ofSeconds(120)).until(() -> !failed.isEmpty() || finished.size() == all.size());
      assertThat(failed).isEmpty();
      all.forEach(StreamTask::notifyJobFinished);
      for (Thread th : threads) {
        th.join(120_000); // returns as soon as the task ended: the bound only stops a hung test
      }
      timer.shutdownNow();
      io.shutdownNow();
    }
    Map<Long, Long> last = new HashMap<>();
    List<Tuple2<Long, Long>> out = CollectSink.results(sink.id());
    CollectSink.release(sink.id());
    for (Tuple2<Long, Long> t : out) {
      last.merge(t.f0(), t.f1(), Math::max);
    }
    Map<Long, Long> expected = new HashMap<>();
    for (long x = 0; x < 10_000; x++) {
      expected.merge(x % 10, x, Long::sum);
    }
    assertThat(out).hasSize(10_000);
    assertThat(last).isEqualTo(expected);
  }
}
