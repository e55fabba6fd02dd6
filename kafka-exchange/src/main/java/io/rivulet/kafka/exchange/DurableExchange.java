package io.rivulet.kafka.exchange;

import io.rivulet.api.graph.JobEdge;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.Partitioning;
import io.rivulet.runtime.network.InputChannel;
import io.rivulet.runtime.network.InputGate;
import io.rivulet.runtime.network.OutputChannel;
import io.rivulet.runtime.network.TaskWaker;
import io.rivulet.runtime.network.durable.DurableExchanges;
import io.rivulet.runtime.network.durable.DurableWiring;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wires the DURABLE edges of one job attempt in one process, for {@link io.rivulet.runtime.deploy.ClusterWiring}
 * (the subtasks placed on this runtime; in an embedded run, all of them). Each producer subtask here gets one
 * {@link DurableOutputChannel} per consumer it sends to, all on one {@link DurableProducer} per edge; each consumer
 * subtask here gets one {@link DurableInputChannel} per edge. Nothing connects the two ends but the topic, so it
 * does not matter where the other end runs. Runs on the deploying thread, before the tasks start; Kafka clients are
 * created when the tasks open their channels.
 */
final class DurableExchange implements DurableWiring {
  private final JobGraph graph;
  private final String jobId;
  private final int attempt;
  private DurableSettings settings;
  /** One producer per (edge id, producer subtask), shared by that subtask's channels to every consumer. */
  private final Map<Integer, Map<Integer, DurableProducer>> producers = new HashMap<>();

  DurableExchange(JobGraph graph, String jobId, int attempt) {
    this.graph = graph;
    this.jobId = jobId;
    this.attempt = attempt;
  }

  /** Resolved on first use: only a job with DURABLE edges needs bootstrap servers. */
  DurableSettings settings() {
    if (settings == null) {
      settings = DurableSettings.of(graph.config());
    }
    return settings;
  }

  DurableEdge layout(JobEdge edge) {
    return DurableEdge.of(graph, jobId, edge, settings().partitionsPerConsumer());
  }

  /** Creates (if needed) the topics of the given DURABLE edges. */
  @Override
  public void prepare(List<JobEdge> edges) {
    List<DurableEdge> layouts = new ArrayList<>();
    for (JobEdge e : edges) {
      if (DurableExchanges.isDurable(e)) {
        layouts.add(layout(e));
      }
    }
    if (!layouts.isEmpty()) {
      DurableTopics.ensure(settings(), layouts);
    }
  }

  /** The topics of every DURABLE edge of the job. */
  List<String> topics() {
    return graph.edges().stream().filter(DurableExchanges::isDurable).map(e -> layout(e).topic()).toList();
  }

  /**
   * Connects producer subtask {@code i} to every consumer it sends to on {@code edge}, with the output indexes the
   * {@link io.rivulet.runtime.network.RecordWriter} expects (FORWARD and GLOBAL: one channel).
   */
  @Override
  public List<OutputChannel> producerChannels(JobEdge edge, int i, TaskWaker waker) {
    DurableEdge layout = layout(edge);
    DurableProducer producer = producers.computeIfAbsent(edge.id(), id -> new HashMap<>()).computeIfAbsent(i,
        p -> new DurableProducer(layout.topic(), "rivulet-" + layout.topic() + "-p" + i + "-a" + attempt,
            settings().producer(), settings().maxInFlightBytes(), waker));
    Partitioning p = edge.partitioning();
    if (p == Partitioning.FORWARD || p == Partitioning.GLOBAL) {
      return List.of(channel(layout, producer, i, p == Partitioning.FORWARD ? i : 0, edge, waker));
    }
    List<OutputChannel> channels = new ArrayList<>(layout.consumers());
    for (int j = 0; j < layout.consumers(); j++) {
      channels.add(channel(layout, producer, i, j, edge, waker));
    }
    return channels;
  }

  private DurableOutputChannel channel(DurableEdge layout, DurableProducer producer, int i, int j, JobEdge edge,
      TaskWaker waker) {
    return new DurableOutputChannel(layout, producer, i, j, attempt, edge.type(),
        graph.config().recordsPerLocalBuffer(), waker);
  }

  /** The input channel of consumer subtask {@code j} on {@code edge}, if any producer sends to it. */
  @Override
  public Optional<InputChannel> consumerChannel(JobEdge edge, int j, InputGate gate, String taskName) {
    DurableEdge layout = layout(edge);
    if (layout.producersOf(j).length == 0) {
      return Optional.empty(); // e.g. GLOBAL: only subtask 0 receives
    }
    return Optional.of(new DurableInputChannel(gate, gate.channelCount(), layout, j, attempt, edge.type(),
        settings(), graph.config().recordsPerLocalBuffer(), taskName));
  }
}
