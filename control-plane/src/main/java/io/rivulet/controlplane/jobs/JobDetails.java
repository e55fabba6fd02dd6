package io.rivulet.controlplane.jobs;

import java.util.List;

/**
 * A job with its vertices. For a job that ended before the control plane restarted, the vertices are the
 * last ones recorded (they may be empty when the control plane died while the job ran).
 */
public record JobDetails(JobSummary summary, int maxParallelism, List<VertexDetails> vertices, JobOrigin origin) {
  public JobDetails {
    vertices = List.copyOf(vertices);
  }
}
