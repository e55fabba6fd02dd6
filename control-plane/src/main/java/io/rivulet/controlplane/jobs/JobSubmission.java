package io.rivulet.controlplane.jobs;

import io.rivulet.api.graph.JobGraph;
import java.util.Objects;

/**
 * A validated job ready to run.
 *
 * @param graph the compiled graph (already checked by {@link io.rivulet.api.graph.JobGraphCompiler})
 * @param origin where it came from, persisted with the job
 * @param userCode the class loader of its functions; the job service owns it from here on and closes it
 */
public record JobSubmission(JobGraph graph, JobOrigin origin, UserCode userCode) {
  public JobSubmission {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(userCode, "userCode");
  }
}
