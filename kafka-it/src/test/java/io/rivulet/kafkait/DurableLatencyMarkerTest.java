package io.rivulet.kafkait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rivulet.api.JobExecutionResult;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.CollectSink;
import io.rivulet.api.connector.GeneratorSource;
import io.rivulet.api.connector.SourceGate;
import io.rivulet.api.graph.Exchange;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.serialization.Types;
import io.rivulet.kafka.exchange.DurableEdge;
import io.rivulet.kafka.exchange.Envelope;
import io.rivulet.kafka.exchange.EnvelopeKind;
import io.rivulet.kafka.local.LocalKafka;
import io.rivulet.kafka.local.LocalKafkaExtension;
import io.rivulet.runtime.execution.LocalExecutor;
import io.rivulet.runtime.execution.LocalJobHandle;
import io.rivulet.runtime.metrics.JobObserver;
import io.rivulet.runtime.metrics.TaskObserver;
import io.rivulet.runtime.network.StreamEvent;
import io.rivulet.runtime.tasks.LatencyListener;
import io.rivulet.runtime.tasks.StreamTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Latency markers cross a DURABLE edge (a Kafka topic, real broker) to the sink tasks behind it, named in the
 * exchanges they crossed, while every record still arrives exactly once and checkpoints still complete.
 *
 * <p>The source is held at the end of its input until the markers and the checkpoint the test asserts on were seen:
 * how many fit into a run of a given length depends on the machine, so the test never counts on it.
 */
@ExtendWith(LocalKafkaExtension.class)
class DurableLatencyMarkerTest {
  private static final long RECORDS = 300_000;
  /** A bound for what is sure to happen (markers and checkpoints keep coming while the source is held). */
  private static final Duration LONG_ENOUGH = Duration.ofSeconds(120);

  /** Records the markers that reach sink tasks, as the task runtime's span and timer would. */
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

  @Test
  void markersCrossTheTopicToEverySinkSubtaskAndRecordsArriveOnce(LocalKafka kafka) throws Exception {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2).setKafkaBootstrapServers(kafka.bootstrapServers());
    env.config().latencyMarkerInterval(Duration.ofMillis(20)).checkpointInterval(Duration.ofMillis(50));
    env.config().durableExchangeProperty("delete.topics", "false"); // read after the run: what was written
    CollectSink<Long> sink = new CollectSink<>();
    SourceGate.Latch end = SourceGate.latch();
    env.fromSource(new GeneratorSource<>(i -> i, RECORDS, 0, Types.LONG, "Generator").holdAt(RECORDS, end), null,
            "Generator").parallelism(1).rebalance().map(x -> x + 1).returns(Types.LONG)
        .keyBy(x -> x % 101, Types.LONG).durable()
        .map(x -> x, Types.LONG).sinkTo(sink);
    JobGraph graph = env.jobGraph("latency over durable");
    assertThat(graph.vertices()).as("source+map, map, map+sink").hasSize(3);
    assertThat(graph.edges()).extracting(e -> e.exchange()).contains(Exchange.DURABLE);
    int source = graph.vertices().get(0).id();
    int sinkVertex = graph.vertices().get(2).id();

    Arrivals observer = new Arrivals();
    long before = System.currentTimeMillis();
    LocalJobHandle job = new LocalExecutor(observer, JobObserver.NONE).start(graph);
    // the input ends only once markers crossed the topic to both sink subtasks and a checkpoint completed
    await().atMost(LONG_ENOUGH).until(() -> job.result().isDone() || observer.arrivals.size() > 4
        && observer.arrivals.stream().map(a -> a.task().info().subtaskIndex()).distinct().count() == 2
        && job.completedCheckpoints() > 0);
    end.open();
    JobExecutionResult result = job.result().get(LONG_ENOUGH.toSeconds(), TimeUnit.SECONDS);
    long after = System.currentTimeMillis();

    List<Long> out = CollectSink.results(sink.id());
    CollectSink.release(sink.id());
    assertThat(out.stream().sorted().toList()).as("every record exactly once")
        .isEqualTo(LongStream.rangeClosed(1, RECORDS).boxed().toList());
    assertThat(result.completedCheckpoints()).as("barriers still align with markers in the topic").isPositive();

    assertThat(observer.arrivals).as("markers through the topic").hasSizeGreaterThan(4);
    assertThat(observer.arrivals).allSatisfy(a -> {
      assertThat(a.task().info().vertex().id()).isEqualTo(sinkVertex);
      assertThat(a.marker().sourceVertex()).isEqualTo(source);
      assertThat(a.marker().sourceSubtask()).isZero();
      assertThat(a.marker().exchanges()).as("a LOCAL hop, then the topic").isEqualTo("LOCAL,DURABLE");
      assertThat(a.marker().emitTimeMillis()).isBetween(before, a.arrivalMillis());
      assertThat(a.arrivalMillis()).isLessThanOrEqualTo(after);
    });
    // exactly once: each LATENCY envelope in the topic reached the sink subtask owning its partition, once (emit
    // times alone do not identify a marker: a source timer that was held up fires its missed runs back to back)
    DurableEdge edge = DurableEdge.of(graph, result.jobId(), graph.edges().stream()
        .filter(e -> e.exchange() == Exchange.DURABLE).findFirst().orElseThrow(), 2);
    List<String> inTopic = new ArrayList<>();
    List<String> misplaced = new ArrayList<>();
    readLatencyEnvelopes(kafka, edge.topic(), (partition, e) -> {
      int consumer = partition / edge.partitionsPerConsumer();
      if (partition != edge.fixedPartition(e.producer(), consumer)) {
        misplaced.add(e + " in partition " + partition);
      }
      inTopic.add(consumer + "@" + e.timestamp());
    });
    assertThat(misplaced).as("a marker goes to its producer's partition of the consumer").isEmpty();
    assertThat(observer.arrivals.stream().map(a -> a.task().info().subtaskIndex() + "@" + a.marker().emitTimeMillis()))
        .as("each marker in the topic arrives once").containsExactlyInAnyOrderElementsOf(inTopic);
    assertThat(observer.arrivals.stream().map(a -> a.task().info().subtaskIndex()).distinct())
        .as("the producers take turns over the consumers").containsExactlyInAnyOrder(0, 1);
  }

  private interface LatencyVisitor {
    void visit(int partition, Envelope envelope) throws Exception;
  }

  /** Every LATENCY envelope of the topic, from the beginning to the end offsets as the run left them. */
  private static void readLatencyEnvelopes(LocalKafka kafka, String topic, LatencyVisitor visitor) throws Exception {
    TopicEnvelopes.read(kafka, topic, (partition, offset, envelope) -> {
      if (envelope.kind() == EnvelopeKind.LATENCY) {
        visitor.visit(partition, envelope);
      }
    });
  }
}
