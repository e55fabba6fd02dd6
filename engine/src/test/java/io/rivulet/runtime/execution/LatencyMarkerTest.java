package io.rivulet.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rivulet.api.JobExecutionResult;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.CollectSink;
import io.rivulet.api.connector.GeneratorSource;
import io.rivulet.api.connector.SourceGate;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.serialization.Types;
import io.rivulet.runtime.metrics.JobObserver;
import io.rivulet.runtime.tasks.LatencyListener;
import io.rivulet.runtime.metrics.TaskObserver;
import io.rivulet.runtime.network.StreamEvent;
import io.rivulet.runtime.tasks.StreamTask;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Latency markers in the local executor: sent by sources at the job's interval, through a chain and across LOCAL
 * exchanges, reported where a sink is; records and checkpoints as without them; none when the interval is 0.
 *
 * <p>The sources are held at the end of their input until the markers (and checkpoints) the test asserts on have
 * been seen: how many a run of a given length gets depends on the machine, so the test never counts on it.
 */
class LatencyMarkerTest {
  private static final long RECORDS = 300_000;
  /** A bound for what is sure to happen (markers and checkpoints keep coming while a source is held). */
  private static final Duration LONG_ENOUGH = Duration.ofSeconds(120);

  /** A task observer that also records latency, as the services' meters do. */
  private static final class Arrivals implements TaskObserver, LatencyListener {
    record Arrival(StreamTask task, StreamEvent.LatencyMarker marker, long arrivalMillis) {}

    final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    boolean reachedBothSubtasks() {
      return arrivals.stream().map(a -> a.task().info().subtaskIndex()).distinct().count() == 2;
    }

    @Override
    public void taskDeployed(StreamTask task) {}

    @Override
    public void taskEnded(StreamTask task) {}

    @Override
    public void markerArrived(StreamTask task, StreamEvent.LatencyMarker marker, long arrivalMillis) {
      arrivals.add(new Arrival(task, marker, arrivalMillis));
    }
  }

  /** A generator of 0 .. RECORDS - 1, as fast as it can, that does not end before {@code end} opens. */
  private static GeneratorSource<Long> heldAtTheEnd(SourceGate end) {
    return new GeneratorSource<>(i -> i, RECORDS, 0, Types.LONG, "Generator").holdAt(RECORDS, end);
  }

  @Test
  void markersCrossALocalExchangeToEverySinkSubtaskWithoutChangingRecordsOrCheckpoints() throws Exception {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.config().latencyMarkerInterval(Duration.ofMillis(5)).checkpointInterval(Duration.ofMillis(20));
    CollectSink<Long> sink = new CollectSink<>();
    SourceGate.Latch end = SourceGate.latch();
    env.fromSource(heldAtTheEnd(end), null, "Generator").parallelism(1).rebalance().map(x -> x + 1)
        .returns(Types.LONG).parallelism(2).sinkTo(sink);
    JobGraph graph = env.jobGraph("latency over local");
    assertThat(graph.vertices()).as("source, then map+sink").hasSize(2);
    int source = graph.vertices().get(0).id();
    int sinkVertex = graph.vertices().get(1).id();

    Arrivals observer = new Arrivals();
    long before = System.currentTimeMillis();
    LocalJobHandle job = new LocalExecutor(observer, JobObserver.NONE).start(graph);
    // the input ends only once markers reached both sink subtasks and a checkpoint completed with markers around
    await().atMost(LONG_ENOUGH).until(() -> observer.arrivals.size() > 4 && observer.reachedBothSubtasks()
        && job.completedCheckpoints() > 0);
    end.open();
    JobExecutionResult result = job.result().get(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS);
    long after = System.currentTimeMillis();

    List<Long> out = CollectSink.results(sink.id());
    CollectSink.release(sink.id());
    assertThat(out.stream().sorted().toList()).as("every record once")
        .isEqualTo(LongStream.rangeClosed(1, RECORDS).boxed().toList());
    assertThat(result.completedCheckpoints()).as("barriers still align with markers around").isPositive();

    assertThat(observer.arrivals).hasSizeGreaterThan(4);
    assertThat(observer.arrivals).allSatisfy(a -> {
      assertThat(a.task().info().vertex().id()).isEqualTo(sinkVertex);
      assertThat(a.marker().sourceVertex()).isEqualTo(source);
      assertThat(a.marker().sourceSubtask()).isZero();
      assertThat(a.marker().exchanges()).isEqualTo("LOCAL");
      assertThat(a.marker().emitTimeMillis()).isBetween(before, a.arrivalMillis());
      assertThat(a.arrivalMillis()).isLessThanOrEqualTo(after);
    });
    assertThat(observer.arrivals.stream().map(a -> a.task().info().subtaskIndex()).distinct())
        .as("markers take turns over the channels").containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void aMarkerPassesAChainAndIsReportedByTheSourceTaskWhenItHoldsTheSink() throws Exception {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.config().latencyMarkerInterval(Duration.ofMillis(5));
    CollectSink<Long> sink = new CollectSink<>();
    SourceGate.Latch end = SourceGate.latch();
    env.fromSource(heldAtTheEnd(end), null, "Generator").filter(x -> x % 2 == 0)
        .sinkTo(sink);
    JobGraph graph = env.jobGraph("latency in a chain");
    assertThat(graph.vertices()).as("one chain").hasSize(1);

    Arrivals observer = new Arrivals();
    LocalJobHandle job = new LocalExecutor(observer, JobObserver.NONE).start(graph);
    await().atMost(LONG_ENOUGH).until(() -> observer.arrivals.size() > 4); // before the input ends
    end.open();
    job.result().get(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS);

    assertThat(CollectSink.<Long>results(sink.id())).hasSize((int) (RECORDS / 2));
    CollectSink.release(sink.id());
    assertThat(observer.arrivals).hasSizeGreaterThan(4).allSatisfy(a -> {
      assertThat(a.marker().sourceVertex()).isEqualTo(graph.vertices().get(0).id());
      assertThat(a.marker().exchanges()).as("no exchange crossed").isEmpty();
      assertThat(a.arrivalMillis()).isGreaterThanOrEqualTo(a.marker().emitTimeMillis());
    });
  }

  @Test
  void noMarkersByDefault() throws Exception {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    assertThat(env.config().latencyMarkerIntervalMillis()).isZero();
    env.setParallelism(2);
    CollectSink<Long> sink = new CollectSink<>();
    // at a rate, so that the run lasts a while (a sixth of a second or more) in which markers would come if sent
    env.fromGenerator(i -> i, RECORDS / 3, 600_000, Types.LONG).parallelism(1).rebalance().map(x -> x + 1).returns(Types.LONG).parallelism(2).sinkTo(sink);
    Arrivals observer = new Arrivals();
    new LocalExecutor(observer, JobObserver.NONE).execute(env.jobGraph("no latency markers"));

    assertThat(CollectSink.<Long>results(sink.id())).hasSize((int) (RECORDS / 3));
    CollectSink.release(sink.id());
    assertThat(observer.arrivals).isEmpty();
  }
}
