package io.rivulet.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.DiscardingSink;
import io.rivulet.api.graph.JobEdge;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.api.serialization.Types;
import io.rivulet.runtime.checkpoint.CheckpointStorage;
import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.checkpoint.TaskStateSnapshot;
import io.rivulet.runtime.network.ManagedChannel;
import io.rivulet.runtime.network.OutputChannel;
import io.rivulet.runtime.network.RecordBatch;
import io.rivulet.runtime.network.StreamEvent;
import io.rivulet.runtime.network.TaskWaker;
import io.rivulet.runtime.state.backends.StateBackends;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task with a managed output channel (like the DURABLE exchange's producer), driven through its whole life by
 * hand: what closing the channel after the job finished may and may not do to the task's outcome.
 */
class StreamTaskManagedChannelTest {
  @TempDir Path checkpoints;
  private ScheduledExecutorService timer;
  private ExecutorService checkpointIo;
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final CountDownLatch finished = new CountDownLatch(1);

  @BeforeEach
  void start() {
    timer = Executors.newSingleThreadScheduledExecutor();
    checkpointIo = Executors.newFixedThreadPool(1);
  }

  @AfterEach
  void stop() {
    timer.shutdownNow();
    checkpointIo.shutdownNow();
  }

  /**
   * The job's results are complete once it finished; a task thread still releasing its clients then may be
   * interrupted (the executor does so after a few seconds). That must not turn the finished task into a failed one,
   * which would make the executor run the finished job again.
   */
  @Test
  void interruptWhileClosingAManagedOutputAfterTheJobFinishedLeavesTheTaskFinished() throws Exception {
    FakeManagedOutput out = new FakeManagedOutput();
    StreamTask task = sourceTask(out);
    Thread thread = new Thread(task, "rivulet-task under test");
    thread.start();
    assertThat(finished.await(120, TimeUnit.SECONDS)).as("the source finished").isTrue();
    assertThat(out.records).isEqualTo(100);
    assertThat(out.ended).isTrue();

    task.notifyJobFinished();
    thread.join(120_000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(out.closedGracefully).as("closed, gracefully").isTrue();
    assertThat(failures).isEmpty();
    assertThat(task.failure()).isNull();
    assertThat(task.state()).isEqualTo(StreamTask.State.FINISHED);
  }

  private StreamTask sourceTask(FakeManagedOutput out) {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromSequence(0, 99).keyBy(x -> x % 3, Types.LONG).map(x -> x, Types.LONG).sinkTo(new DiscardingSink<>());
    JobGraph graph = env.jobGraph("managed");
    JobVertex source = graph.vertices().stream().filter(JobVertex::isSource).findFirst().orElseThrow();
    JobEdge edge = graph.outputsOf(source.id()).get(0);
    TaskServices services = new TaskServices(StateBackends.INSTANCE, new CheckpointStorage(checkpoints.resolve("job")),
        timer, checkpointIo, new CheckpointResponder() {
          @Override
          public void acknowledge(SubtaskId subtask, int attempt, long checkpointId, TaskStateSnapshot state) {}

          @Override
          public void decline(SubtaskId subtask, int attempt, long checkpointId, String reason) {}
        });
    StreamTask task = new StreamTask(new TaskInfo("job", graph, source, 0, 0), services, new TaskListener() {
      @Override
      public void onRunning(StreamTask t) {}

      @Override
      public void onFinished(StreamTask t) {
        finished.countDown();
      }

      @Override
      public void onFailed(StreamTask t, Throwable error) {
        failures.add(error);
      }

      @Override
      public void onTerminated(StreamTask t) {}
    }, getClass().getClassLoader(), null);
    out.waker = task.waker();
    task.setOutputChannel(edge, 0, out);
    return task;
  }

  /** Takes everything at once; its close fails the way a Kafka client does when the closing thread is interrupted. */
  private static final class FakeManagedOutput implements OutputChannel, ManagedChannel {
    private final RecordBatch buffer = new RecordBatch(16);
    TaskWaker waker;
    volatile int records;
    volatile boolean ended;
    volatile boolean closedGracefully;

    @Override
    public boolean hasCredit() {
      return true;
    }

    @Override
    public RecordBatch tryTakeBuffer() {
      return buffer;
    }

    @Override
    public void send(RecordBatch batch) {
      records += batch.size();
      batch.clear();
    }

    @Override
    public void sendEvent(StreamEvent event) {
      if (event instanceof StreamEvent.EndOfPartition) {
        ended = true;
      }
    }

    @Override
    public TaskWaker producerWaker() {
      return waker;
    }

    @Override
    public String stateKey() {
      return "fake-out";
    }

    @Override
    public void open(byte[] restored) {}

    @Override
    public byte[] snapshot(long checkpointId) {
      return null;
    }

    @Override
    public void close(boolean graceful) throws InterruptedException {
      closedGracefully = graceful;
      throw new InterruptedException("interrupted while waiting for the client's I/O thread");
    }
  }
}
