package io.rivulet.runtime.network.durable;

import io.rivulet.api.Exchange;
import io.rivulet.api.Partitioning;
import io.rivulet.api.graph.JobEdge;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.runtime.network.InputGate;
import io.rivulet.runtime.tasks.StreamTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires the DURABLE edges of one job attempt in one process: used by the embedded executor (all subtasks here) and
 * by {@link io.rivulet.runtime.deploy.ClusterWiring} (the subtasks placed on this runtime). Each producer subtask
 * here gets one {@link DurableOutputChannel} per consumer it sends to, all on one {@link DurableProducer} per
 * edge; each consumer subtask here gets one {@link DurableInputChannel} per edge, appended to its gate in the
 * order edges are wired. Nothing connects the two ends but the topic, so it does not matter where the other
 * end runs. Runs on the deploying thread, before the tasks start; Kafka clients are created when the tasks open
 * their channels.
 */
public final class DurableExchange {
  private final JobGraph graph;
  private final String jobId;
  private final int attempt;
  private DurableSettings settings;
  /** One producer per (producer task, edge), shared by its channels to every consumer. */
  private final Map<StreamTask, Map<Integer, DurableProducer>> producers = new HashMap<>();

  public DurableExchange(JobGraph graph, String jobId, int attempt) {
    this.graph = graph;
    this.jobId = jobId;
    this.attempt = attempt;
  }

  public static boolean isDurable(JobEdge edge) {
    return edge.exchange() == Exchange.DURABLE;
  }

  /** True if the job has a DURABLE edge. */
  public static boolean hasDurableEdges(JobGraph graph) {
    return graph.edges().stream().anyMatch(DurableExchange::isDurable);
  }

  public DurableSettings settings() {
    if (settings == null) {
      settings = DurableSettings.of(graph.config());
    }
    return settings;
  }

  public DurableEdge layout(JobEdge edge) {
    return DurableEdge.of(graph, jobId, edge, settings().partitionsPerConsumer());
  }

  /** Creates (if needed) the topics of the given DURABLE edges. */
  public void ensureTopics(List<JobEdge> edges) {
    List<DurableEdge> layouts = new ArrayList<>();
    for (JobEdge e : edges) {
      if (isDurable(e)) {
        layouts.add(layout(e));
      }
    }
    if (!layouts.isEmpty()) { // settings need the bootstrap servers: only jobs with DURABLE edges resolve them
      DurableTopics.ensure(settings(), layouts);
    }
  }

  /** The topics of every DURABLE edge of the job. */
  public List<String> topics() {
    return graph.edges().stream().filter(DurableExchange::isDurable).map(e -> layout(e).topic()).toList();
  }

  /**
   * Connects producer subtask {@code i} (a task here) to every consumer it sends to on {@code edge}, with the
   * output indexes the {@link io.rivulet.runtime.network.RecordWriter} expects (FORWARD and GLOBAL: one channel).
   */
  public void connectProducer(JobEdge edge, StreamTask task, int i) {
    DurableEdge layout = layout(edge);
    DurableProducer producer = producers.computeIfAbsent(task, t -> new HashMap<>()).computeIfAbsent(edge.id(),
        id -> new DurableProducer(layout.topic(), "rivulet-" + layout.topic() + "-p" + i + "-a" + attempt,
            settings().producer(), settings().maxInFlightBytes(), task.waker()));
    Partitioning p = edge.partitioning();
    if (p == Partitioning.FORWARD || p == Partitioning.GLOBAL) {
      int consumer = p == Partitioning.FORWARD ? i : 0;
      task.setOutputChannel(edge, 0, channel(layout, producer, i, consumer, edge, task));
    } else {
      for (int j = 0; j < layout.consumers(); j++) {
        task.setOutputChannel(edge, j, channel(layout, producer, i, j, edge, task));
      }
    }
  }

  private DurableOutputChannel channel(DurableEdge layout, DurableProducer producer, int i, int j, JobEdge edge,
      StreamTask task) {
    return new DurableOutputChannel(layout, producer, i, j, attempt, edge.type(),
        graph.config().recordsPerLocalBuffer(), task.waker());
  }

  /** Gives consumer subtask {@code j} (a task here) its input channel of {@code edge}, if any producer sends to it. */
  public void connectConsumer(JobEdge edge, StreamTask task, int j) {
    DurableEdge layout = layout(edge);
    if (layout.producersOf(j).length == 0) {
      return; // e.g. GLOBAL: only subtask 0 receives
    }
    InputGate gate = task.inputGate(edge.targetInput());
    gate.addChannel(new DurableInputChannel(gate, gate.channelCount(), layout, j, attempt, edge.type(), settings(),
        graph.config().recordsPerLocalBuffer(), task.info().displayName()));
  }
}
