package io.rivulet.runtime.jobmaster;

import io.rivulet.api.graph.JobGraph;
import io.rivulet.runtime.network.durable.DurableExchangeProvider;
import io.rivulet.runtime.network.durable.DurableExchanges;
import java.util.Optional;

/** What goes when a job has ended, whatever ran it. */
final class JobCleanup {
  private static final System.Logger LOG = System.getLogger(JobCleanup.class.getName());

  private JobCleanup() {}

  /**
   * The job's DURABLE edges leave topics behind; the exchange removes them as the job's settings say. Runs on the I/O
   * executor: it waits for the broker. Without the exchange on this process's class path nothing can be removed: the
   * job still ends, and the warning says what to add.
   */
  static void deleteDurableTopics(JobGraph graph, String jobId) {
    if (!DurableExchanges.hasDurableEdges(graph)) {
      return;
    }
    Optional<DurableExchangeProvider> exchange = DurableExchanges.find();
    if (exchange.isEmpty()) {
      LOG.log(System.Logger.Level.WARNING, "the DURABLE topics of job {0} ({1}) stay: this process has no DURABLE"
          + " exchange (put the module {2} on its class path)", graph.jobName(), jobId, DurableExchanges.MODULE);
      return;
    }
    try {
      exchange.get().jobEnded(graph, jobId);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not delete the durable exchange topics of job " + graph.jobName(), e);
    }
  }
}
