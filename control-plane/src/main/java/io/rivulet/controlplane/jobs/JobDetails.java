package io.rivulet.controlplane.jobs;

import java.util.List;

/**
 * A job with its vertices. For a job that ended before the control plane restarted, the vertices are the
 * last ones recorded (they may be empty when the control plane died while the job ran).
 *
 * @param restarts restarts of the job so far (each one allowed by its restart strategy and done), Flink's numRestarts
 */
public record JobDetails(JobSummary summary, int maxParallelism, List<VertexDetails> vertices, JobOrigin origin,
    int restarts) {
  public JobDetails {
    vertices = List.copyOf(vertices);
  }
}
