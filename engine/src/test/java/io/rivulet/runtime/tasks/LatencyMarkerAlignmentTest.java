package io.rivulet.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.Sink;
import io.rivulet.api.connector.SinkContext;
import io.rivulet.api.connector.SinkWriter;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.runtime.checkpoint.CheckpointStorage;
import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.checkpoint.TaskStateSnapshot;
import io.rivulet.runtime.network.LocalChannel;
import io.rivulet.runtime.network.RecordBatch;
import io.rivulet.runtime.network.StreamEvent;
import io.rivulet.runtime.network.TaskWaker;
import io.rivulet.runtime.state.backends.StateBackends;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink task with two input channels that this test fills by hand: a latency marker on the channel that has not
 * delivered its barrier yet is reported at once while the other channel is held back for alignment, and neither the
 * records nor the checkpoint change because of it.
 */
class LatencyMarkerAlignmentTest {
  /** What the sink task did, in order, per test run (the sink is copied into the task, so it logs by key). */
  private static final Map<String, List<String>> LOGS = new ConcurrentHashMap<>();

  @TempDir Path checkpoints;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService checkpointIo = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    timer.shutdownNow();
    checkpointIo.shutdownNow();
  }

  /** Logs each record and each snapshot of its one subtask. */
  private record LoggingSink(String key) implements Sink<Long> {
    @Override
    public SinkWriter<Long> createWriter(SinkContext context) {
      List<String> log = LOGS.get(key);
      return new SinkWriter<>() {
        @Override
        public void write(Long value, long timestamp) {
          log.add("r" + value);
        }

        @Override
        public byte[] snapshotState(long checkpointId) {
          log.add("snapshot " + checkpointId);
          return null;
        }
      };
    }
  }

  @Test
  void aMarkerIsForwardedDuringAlignmentWithoutReleasingTheBlockedChannel() throws Exception {
    String key = "run-" + System.nanoTime();
    List<String> log = new CopyOnWriteArrayList<>();
    LOGS.put(key, log);
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.config().latencyMarkerInterval(Duration.ofMillis(10));
    env.fromSequence(0, 1).rebalance().sinkTo(new LoggingSink(key)).parallelism(1);
    JobGraph graph = env.jobGraph("alignment");
    JobVertex sinkVertex = graph.vertices().get(graph.vertices().size() - 1);
    assertThat(sinkVertex.head().isSink()).isTrue();

    List<Long> acknowledged = new CopyOnWriteArrayList<>();
    List<String> declined = new CopyOnWriteArrayList<>();
    CheckpointResponder responder = new CheckpointResponder() {
      @Override
      public void acknowledge(SubtaskId subtask, int attempt, long checkpointId, TaskStateSnapshot state) {
        acknowledged.add(checkpointId);
      }

      @Override
      public void decline(SubtaskId subtask, int attempt, long checkpointId, String reason) {
        declined.add(reason);
      }
    };
    List<StreamEvent.LatencyMarker> reported = new CopyOnWriteArrayList<>();
    TaskServices services = new TaskServices(StateBackends.INSTANCE, new CheckpointStorage(checkpoints), timer,
        checkpointIo, responder, (task, marker, arrival) -> {
          reported.add(marker);
          log.add("marker via " + marker.exchanges());
        });
    CopyOnWriteArrayList<StreamTask> finished = new CopyOnWriteArrayList<>();
    CopyOnWriteArrayList<Throwable> failures = new CopyOnWriteArrayList<>();
    TaskListener listener = new TaskListener() {
      @Override
      public void onRunning(StreamTask task) {}

      @Override
      public void onFinished(StreamTask task) {
        finished.add(task);
      }

      @Override
      public void onFailed(StreamTask task, Throwable error) {
        failures.add(error);
      }

      @Override
      public void onTerminated(StreamTask task) {}
    };
    StreamTask task = new StreamTask(new TaskInfo("job", graph, sinkVertex, 0, 0), services, listener,
        getClass().getClassLoader(), null);
    TaskWaker producers = new TaskWaker();
    LocalChannel ch0 = task.inputGate(0).addLocalChannel(producers, 4, 8);
    LocalChannel ch1 = task.inputGate(0).addLocalChannel(producers, 4, 8);

    // queued before the task starts; the gate takes turns: ch0 [1,2], ch1 [3], ch0 barrier (ch0 blocked),
    // ch1 marker, ch1 [4], ch1 barrier (aligned: snapshot), then what waited: ch0 [6] and ch1 [5]
    long emitted = System.currentTimeMillis() - 5;
    send(ch0, 1L, 2L);
    ch0.sendEvent(new StreamEvent.CheckpointBarrier(1, emitted));
    send(ch0, 6L);
    ch0.sendEvent(StreamEvent.EndOfPartition.INSTANCE);
    send(ch1, 3L);
    ch1.sendEvent(new StreamEvent.LatencyMarker(emitted, 99, 1, ""));
    send(ch1, 4L);
    ch1.sendEvent(new StreamEvent.CheckpointBarrier(1, emitted));
    send(ch1, 5L);
    ch1.sendEvent(StreamEvent.EndOfPartition.INSTANCE);

    Thread thread = new Thread(task, "sink task");
    thread.start();
    await().atMost(Duration.ofSeconds(120)).until(() -> !finished.isEmpty() || !failures.isEmpty());
    task.notifyJobFinished();
    thread.join(120_000);
    assertThat(failures).isEmpty();
    assertThat(task.state()).isEqualTo(StreamTask.State.FINISHED);

    assertThat(log.subList(0, 6)).containsExactly("r1", "r2", "r3", "marker via LOCAL", "r4", "snapshot 1");
    assertThat(log.subList(6, log.size())).containsExactlyInAnyOrder("r5", "r6");
    assertThat(reported).containsExactly(new StreamEvent.LatencyMarker(emitted, 99, 1, "LOCAL"));
    await().atMost(Duration.ofSeconds(120)).until(() -> !acknowledged.isEmpty());
    assertThat(acknowledged).containsExactly(1L);
    assertThat(declined).isEmpty();
    LOGS.remove(key);
  }

  private static void send(LocalChannel channel, Long... values) {
    RecordBatch b = channel.tryTakeBuffer();
    for (Long v : values) {
      b.add(v, Long.MIN_VALUE, null);
    }
    channel.send(b);
  }
}
