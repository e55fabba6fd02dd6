package io.rivulet.taskruntime;

import java.util.List;

/**
 * What {@code GET /v1/runtime} shows: this runtime and every task it runs, for debugging.
 *
 * @param registered whether the control plane accepted this runtime and its heartbeats
 */
public record RuntimeStatus(String id, String host, int slots, int controlPort, int dataPort, boolean registered,
    List<Task> tasks) {

  /** One subtask and its counters. */
  public record Task(String jobId, int attempt, int vertexId, String vertexName, int subtask, String state,
      long recordsIn, long recordsOut, long backPressuredNanos) {}
}
