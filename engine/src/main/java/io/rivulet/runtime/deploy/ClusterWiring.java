package io.rivulet.runtime.deploy;

import io.rivulet.api.config.JobConfig;
import io.rivulet.api.graph.JobEdge;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.api.graph.Partitioning;
import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.network.FloatingBufferPool;
import io.rivulet.runtime.network.InputGate;
import io.rivulet.runtime.network.LocalChannel;
import io.rivulet.runtime.network.OutputChannel;
import io.rivulet.runtime.network.RecordCodec;
import io.rivulet.runtime.network.RemoteInputChannel;
import io.rivulet.runtime.network.RemoteOutputChannel;
import io.rivulet.runtime.network.durable.DurableExchanges;
import io.rivulet.runtime.network.durable.DurableWiring;
import io.rivulet.runtime.network.grpc.ChannelKey;
import io.rivulet.runtime.network.grpc.DataExchange;
import io.rivulet.runtime.tasks.StreamTask;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connects every channel of a job attempt that has at least one end in this runtime, with the same
 * producer → consumer pairs as the embedded executor's wiring (FORWARD: i → i, GLOBAL: i → 0, others: i → every
 * consumer):
 * <ul>
 *   <li>both ends here: a {@link LocalChannel};
 *   <li>producer here, consumer elsewhere: a {@link RemoteOutputChannel} registered on the outbound connection
 *       to the consumer's runtime;
 *   <li>consumer here, producer elsewhere: a {@link RemoteInputChannel} appended to the consumer's gate and
 *       announced to the {@link io.rivulet.runtime.network.grpc.ChannelRegistry}, which opens it (grants its
 *       initial credit) once the producer's side shows up.
 * </ul>
 * Channels are added to gates in a fixed order (edges in graph order, producers by index), so a gate's channel
 * indexes do not depend on timing. Everything is built first and published to the transport only at the end,
 * so a wiring error leaves nothing registered. Runs on the deploying thread, before the tasks start.
 */
public final class ClusterWiring {
  /** Data buffers a remote output channel may queue without credit before its task stops (bounded sender). */
  public static final int MAX_QUEUED_BUFFERS_PER_REMOTE_CHANNEL = 8;

  private final JobGraph graph;
  private final JobConfig config;
  private final String jobId;
  private final int attempt;
  private final Placement placement;
  private final String localRuntimeId;
  private final DataExchange exchange;

  public ClusterWiring(JobGraph graph, String jobId, int attempt, Placement placement, String localRuntimeId,
      DataExchange exchange) {
    this.graph = graph;
    this.config = graph.config();
    this.jobId = jobId;
    this.attempt = attempt;
    this.placement = placement;
    this.localRuntimeId = localRuntimeId;
    this.exchange = exchange;
  }

  /**
   * Wires the given tasks, which must be exactly the subtasks the placement puts on this runtime.
   * A runtime without a data exchange ({@code exchange} null: the only runtime of an embedded cluster) can wire
   * local and DURABLE channels only.
   *
   * @return the attempt's channels here, to release when the attempt is cancelled or ended
   */
  public AttemptChannels wire(Map<SubtaskId, StreamTask> localTasks) {
    checkLocalTasks(localTasks);
    Pass pass = new Pass(localTasks);
    List<JobEdge> durableHere = graph.edges().stream().filter(DurableExchanges::isDurable)
        .filter(e -> pass.touches(e, localTasks)).toList();
    DurableWiring durable = null;
    if (!durableHere.isEmpty()) { // a job without DURABLE edges here runs without the plug-in
      durable = DurableExchanges.require(graph).wiring(graph, jobId, attempt);
      durable.prepare(durableHere); // every runtime with an end of the edge may create its topic: idempotent
    }
    for (JobEdge e : graph.edges()) {
      int producers = graph.vertex(e.sourceVertex()).parallelism();
      int consumers = graph.vertex(e.targetVertex()).parallelism();
      if (DurableExchanges.isDurable(e)) {
        if (durable != null) { // null: no DURABLE edge has an end here
          pass.durable(durable, e, producers, consumers);
        }
        continue;
      }
      Partitioning p = e.partitioning();
      for (int i = 0; i < producers; i++) {
        if (p == Partitioning.FORWARD) {
          pass.connect(e, i, 0, i);
        } else if (p == Partitioning.GLOBAL) {
          pass.connect(e, i, 0, 0);
        } else {
          for (int j = 0; j < consumers; j++) {
            pass.connect(e, i, j, j);
          }
        }
      }
    }
    pass.publish.forEach(Runnable::run);
    return new AttemptChannels(exchange, jobId, attempt, pass.local, pass.remoteOut, pass.remoteIn);
  }

  private void checkLocalTasks(Map<SubtaskId, StreamTask> localTasks) {
    for (JobVertex v : graph.vertices()) {
      for (int i = 0; i < v.parallelism(); i++) {
        SubtaskId id = new SubtaskId(v.id(), i);
        boolean placedHere = placement.isOn(id, localRuntimeId);
        if (placedHere != localTasks.containsKey(id)) {
          throw new IllegalArgumentException("subtask " + id + " of '" + v.name() + "' is placed on "
              + placement.of(id).runtimeId() + " but " + (placedHere ? "was not" : "was") + " deployed on "
              + localRuntimeId);
        }
      }
    }
    for (var entry : localTasks.entrySet()) {
      var info = entry.getValue().info();
      if (!info.jobId().equals(jobId) || info.attempt() != attempt || !info.subtaskId().equals(entry.getKey())) {
        throw new IllegalArgumentException("task " + info.displayName() + " of job " + info.jobId() + " attempt "
            + info.attempt() + " does not belong under " + entry.getKey() + " of job " + jobId + " attempt " + attempt);
      }
    }
  }

  /** The state of one wiring run: what was built, and what to register with the transport at the end. */
  private final class Pass {
    private final Map<SubtaskId, StreamTask> tasks;
    private final Map<InputGate, FloatingBufferPool> pools = new IdentityHashMap<>();
    private final List<Runnable> publish = new ArrayList<>();
    private int local;
    private int remoteOut;
    private int remoteIn;

    Pass(Map<SubtaskId, StreamTask> tasks) {
      this.tasks = tasks;
    }

    boolean touches(JobEdge e, Map<SubtaskId, StreamTask> localTasks) {
      return localTasks.keySet().stream().anyMatch(id -> id.vertexId() == e.sourceVertex()
          || id.vertexId() == e.targetVertex());
    }

    /**
     * A DURABLE edge: each local producer writes to the exchange (a topic), each local consumer reads its own part
     * of it; the exchange is the only link between them, wherever the other end runs.
     */
    void durable(DurableWiring durable, JobEdge e, int producers, int consumers) {
      for (int i = 0; i < producers; i++) {
        StreamTask producer = tasks.get(new SubtaskId(e.sourceVertex(), i));
        if (producer != null) {
          List<OutputChannel> channels = durable.producerChannels(e, i, producer.waker());
          for (int k = 0; k < channels.size(); k++) {
            producer.setOutputChannel(e, k, channels.get(k));
          }
        }
      }
      for (int j = 0; j < consumers; j++) {
        StreamTask consumer = tasks.get(new SubtaskId(e.targetVertex(), j));
        if (consumer != null) {
          InputGate gate = consumer.inputGate(e.targetInput());
          durable.consumerChannel(e, j, gate, consumer.info().displayName()).ifPresent(gate::addChannel);
        }
      }
    }

    void connect(JobEdge edge, int producerSubtask, int outputIndex, int consumerSubtask) {
      StreamTask producer = tasks.get(new SubtaskId(edge.sourceVertex(), producerSubtask));
      StreamTask consumer = tasks.get(new SubtaskId(edge.targetVertex(), consumerSubtask));
      ChannelKey key = new ChannelKey(jobId, attempt, edge.id(), producerSubtask, consumerSubtask);
      if (producer != null && consumer != null) {
        LocalChannel channel = consumer.inputGate(edge.targetInput()).addLocalChannel(producer.waker(),
            config.exclusiveBuffersPerChannel(), config.recordsPerLocalBuffer());
        producer.setOutputChannel(edge, outputIndex, channel);
        local++;
      } else if (exchange == null && (producer != null || consumer != null)) {
        throw new IllegalStateException("subtask " + (producer != null ? consumerSubtask : producerSubtask)
            + " of edge " + edge.id() + " runs on another runtime, but this runtime has no data exchange");
      } else if (producer != null) {
        TaskLocation target = placement.of(edge.targetVertex(), consumerSubtask);
        RemoteOutputChannel channel = new RemoteOutputChannel(new RecordCodec(edge.type(), config.bufferSizeBytes()),
            config.recordsPerLocalBuffer(), MAX_QUEUED_BUFFERS_PER_REMOTE_CHANNEL, producer.waker());
        producer.setOutputChannel(edge, outputIndex, channel);
        publish.add(() -> exchange.connectionTo(target.host(), target.dataPort()).register(key, channel));
        remoteOut++;
      } else if (consumer != null) {
        InputGate gate = consumer.inputGate(edge.targetInput());
        FloatingBufferPool pool = pools.computeIfAbsent(gate, g -> new FloatingBufferPool(config.floatingBuffersPerGate()));
        RemoteInputChannel channel = new RemoteInputChannel(gate, gate.channelCount(),
            new RecordCodec(edge.type(), config.bufferSizeBytes()), config.exclusiveBuffersPerChannel(), pool);
        gate.addChannel(channel);
        publish.add(() -> exchange.registry().expect(key, channel));
        remoteIn++;
      }
    }
  }
}
