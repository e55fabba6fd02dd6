package io.rivulet.runtime.jobmaster;

import io.rivulet.api.graph.JobGraph;
import io.rivulet.runtime.network.durable.DurableExchange;
import io.rivulet.runtime.network.durable.DurableTopics;

/** What goes when a job has ended, whatever ran it. */
final class JobCleanup {
  private static final System.Logger LOG = System.getLogger(JobCleanup.class.getName());

  private JobCleanup() {}

  /**
   * The job's DURABLE topics hold nothing of use once it has ended (a job restored from a savepoint is a new job, with
   * topics of its own), so they go, unless {@code durableExchangeProperty("delete.topics", "false")}. Runs on the I/O
   * executor: it waits for the broker.
   */
  static void deleteDurableTopics(JobGraph graph, String jobId) {
    if (!DurableExchange.hasDurableEdges(graph)
        || "false".equals(graph.config().durableExchangeProperties().get("delete.topics"))) {
      return;
    }
    try {
      DurableExchange durable = new DurableExchange(graph, jobId, 0);
      DurableTopics.delete(durable.settings(), durable.topics());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not delete the durable exchange topics of job " + graph.jobName(), e);
    }
  }
}
