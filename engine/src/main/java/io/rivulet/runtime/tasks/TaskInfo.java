package io.rivulet.runtime.tasks;

import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.runtime.checkpoint.SubtaskId;

/** Which subtask of which job a task runs, and in which attempt (0 first, +1 per restart). */
public record TaskInfo(String jobId, JobGraph job, JobVertex vertex, int subtaskIndex, int attempt) {
  public SubtaskId subtaskId() {
    return new SubtaskId(vertex.id(), subtaskIndex);
  }

  public String displayName() {
    return vertex.name() + " (" + (subtaskIndex + 1) + "/" + vertex.parallelism() + ")";
  }
}
