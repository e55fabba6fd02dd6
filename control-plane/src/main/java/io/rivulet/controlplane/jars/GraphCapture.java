package io.rivulet.controlplane.jars;

import io.rivulet.api.JobExecutionResult;
import io.rivulet.api.JobExecutor;
import io.rivulet.api.graph.JobGraph;

/**
 * The executor a job's {@code main} gets while the control plane runs it: it keeps the first graph that
 * {@code env.execute()} hands over instead of running it, and stops the rest of {@code main} by throwing.
 */
final class GraphCapture implements JobExecutor {
  private volatile JobGraph graph;

  @Override
  public JobExecutionResult execute(JobGraph job) {
    if (graph == null) {
      graph = job;
    }
    throw new Captured();
  }

  /** The graph, or null when {@code main} never called execute. */
  JobGraph graph() {
    return graph;
  }

  /** Thrown through the user's main once the graph is captured; carries no stack trace (it is not an error). */
  static final class Captured extends RuntimeException {
    Captured() {
      super("job graph handed to the control plane; main stops here", null, false, false);
    }
  }
}
