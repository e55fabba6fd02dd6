package io.rivulet.kafka.exchange;

import io.rivulet.api.graph.JobGraph;
import io.rivulet.runtime.network.durable.DurableExchangeProvider;
import io.rivulet.runtime.network.durable.DurableExchanges;
import io.rivulet.runtime.network.durable.DurableWiring;

/**
 * The DURABLE exchange on Kafka: one topic per edge. Registered in {@code META-INF/services}, so a process with this
 * module on its class path runs DURABLE edges (the engine finds it through {@link DurableExchanges}).
 */
public final class KafkaDurableExchange implements DurableExchangeProvider {

  @Override
  public DurableWiring wiring(JobGraph graph, String jobId, int attempt) {
    return new DurableExchange(graph, jobId, attempt);
  }

  /**
   * The job's topics hold nothing of use once it has ended (a job restored from a savepoint is a new job, with
   * topics of its own), so they go, unless {@code durableExchangeProperty("delete.topics", "false")}.
   */
  @Override
  public void jobEnded(JobGraph graph, String jobId) {
    if (!DurableExchanges.hasDurableEdges(graph)
        || "false".equals(graph.config().durableExchangeProperties().get("delete.topics"))) {
      return;
    }
    DurableExchange durable = new DurableExchange(graph, jobId, 0);
    DurableTopics.delete(durable.settings(), durable.topics());
  }
}
