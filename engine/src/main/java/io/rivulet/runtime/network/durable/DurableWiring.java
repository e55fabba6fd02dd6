package io.rivulet.runtime.network.durable;

import io.rivulet.api.graph.JobEdge;
import io.rivulet.runtime.network.InputChannel;
import io.rivulet.runtime.network.InputGate;
import io.rivulet.runtime.network.OutputChannel;
import io.rivulet.runtime.network.TaskWaker;
import java.util.List;
import java.util.Optional;

/**
 * Connects the ends of DURABLE edges that one process has, for one job attempt. Nothing links the two ends of an
 * edge but the exchange's own storage, so it does not matter where the other end runs. Used by one deploying
 * thread; channels are created here and opened by their tasks ({@link io.rivulet.runtime.network.ManagedChannel}).
 */
public interface DurableWiring {

  /**
   * Creates what the given DURABLE edges need before any of their ends opens (their topics). Every process with an
   * end of an edge calls this for the same attempt, possibly at the same time: it must be idempotent. A deployment
   * fails if this throws.
   */
  void prepare(List<JobEdge> edges);

  /**
   * The output channels of producer subtask {@code producer} on {@code edge}, by the output index its record writer
   * uses: one for FORWARD and GLOBAL edges, one per consumer subtask otherwise.
   *
   * @param waker wakes the producer's task when the channels have credit again
   */
  List<OutputChannel> producerChannels(JobEdge edge, int producer, TaskWaker waker);

  /**
   * The input channel of consumer subtask {@code consumer} on {@code edge}, with index {@code gate.channelCount()}:
   * the caller adds it to the gate at once. Empty when no producer sends to that subtask (e.g. GLOBAL, consumer > 0).
   *
   * @param taskName the consumer task's display name, for the exchange's threads and errors
   */
  Optional<InputChannel> consumerChannel(JobEdge edge, int consumer, InputGate gate, String taskName);
}
