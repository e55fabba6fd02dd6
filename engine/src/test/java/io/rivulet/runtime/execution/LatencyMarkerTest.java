package io.rivulet.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.JobExecutionResult;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.CollectSink;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.serialization.Types;
import io.rivulet.runtime.metrics.JobObserver;
import io.rivulet.runtime.metrics.LatencyListener;
import io.rivulet.runtime.metrics.TaskObserver;
import io.rivulet.runtime.network.StreamEvent;
import io.rivulet.runtime.tasks.StreamTask;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Latency markers in the local executor: sent by sources at the job's interval, through a chain and across LOCAL
 * exchanges, reported where a sink is; records and checkpoints as without them; none when the interval is 0.
 */
class LatencyMarkerTest {
  private static final long RECORDS = 300_000;

  /** A task observer that also records latency, as the services' meters do. */
  private static final class Arrivals implements TaskObserver, LatencyListener {
    record Arrival(StreamTask task, StreamEvent.LatencyMarker marker, long arrivalMillis) {}

    final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    @Override
    public void taskDeployed(StreamTask task) {}

    @Override
    public void taskEnded(StreamTask task) {}

    @Override
    public void markerArrived(StreamTask task, StreamEvent.LatencyMarker marker, long arrivalMillis) {
      arrivals.add(new Arrival(task, marker, arrivalMillis));
    }
  }

  /** Records per second of the sources: a run of RECORDS lasts about half a second, long enough for markers. */
  private static final double RATE = 600_000;

  @Test
  void markersCrossALocalExchangeToEverySinkSubtaskWithoutChangingRecordsOrCheckpoints() throws Exception {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.config().latencyMarkerInterval(Duration.ofMillis(5)).checkpointInterval(Duration.ofMillis(20));
    CollectSink<Long> sink = new CollectSink<>();
    env.fromGenerator(i -> i, RECORDS, RATE, Types.LONG).parallelism(1).rebalance().map(x -> x + 1).returns(Types.LONG).parallelism(2).sinkTo(sink);
    JobGraph graph = env.jobGraph("latency over local");
    assertThat(graph.vertices()).as("source, then map+sink").hasSize(2);
    int source = graph.vertices().get(0).id();
    int sinkVertex = graph.vertices().get(1).id();

    Arrivals observer = new Arrivals();
    long before = System.currentTimeMillis();
    JobExecutionResult result = new LocalExecutor(observer, JobObserver.NONE).execute(graph);
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
    env.fromGenerator(i -> i, RECORDS, RATE, Types.LONG).filter(x -> x % 2 == 0)
        .sinkTo(sink);
    JobGraph graph = env.jobGraph("latency in a chain");
    assertThat(graph.vertices()).as("one chain").hasSize(1);

    Arrivals observer = new Arrivals();
    new LocalExecutor(observer, JobObserver.NONE).execute(graph);

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
    env.fromGenerator(i -> i, RECORDS / 3, RATE, Types.LONG).parallelism(1).rebalance().map(x -> x + 1).returns(Types.LONG).parallelism(2).sinkTo(sink);
    Arrivals observer = new Arrivals();
    new LocalExecutor(observer, JobObserver.NONE).execute(env.jobGraph("no latency markers"));

    assertThat(CollectSink.<Long>results(sink.id())).hasSize((int) (RECORDS / 3));
    CollectSink.release(sink.id());
    assertThat(observer.arrivals).isEmpty();
  }
}
