package io.rivulet.api.graph;

import io.rivulet.api.config.JobConfig;
import java.io.Serializable;
import java.util.List;

/**
 * The validated, chained graph that gets scheduled: tasks ({@link JobVertex}) and the edges between them,
 * in topological order. Serializable so it can travel to the control plane and task runtimes.
 */
public record JobGraph(String jobName, JobConfig config, List<JobVertex> vertices, List<JobEdge> edges)
    implements Serializable {

  public JobVertex vertex(int id) {
    for (JobVertex v : vertices) {
      if (v.id() == id) {
        return v;
      }
    }
    throw new IllegalArgumentException("no vertex " + id);
  }

  public List<JobEdge> inputsOf(int vertexId) {
    return edges.stream().filter(e -> e.targetVertex() == vertexId).toList();
  }

  public List<JobEdge> outputsOf(int vertexId) {
    return edges.stream().filter(e -> e.sourceVertex() == vertexId).toList();
  }

  /** Total number of subtasks (threads) the job needs. */
  public int subtaskCount() {
    return vertices.stream().mapToInt(JobVertex::parallelism).sum();
  }
}
