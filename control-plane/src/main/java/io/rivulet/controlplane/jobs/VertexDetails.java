package io.rivulet.controlplane.jobs;

import io.rivulet.runtime.jobmaster.SubtaskState;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A task of the job (a chain of operators) with its subtasks. */
public record VertexDetails(String id, String name, int parallelism, int maxParallelism, List<SubtaskDetails> subtasks) {
  public VertexDetails {
    subtasks = List.copyOf(subtasks);
  }

  public long recordsIn() {
    return subtasks.stream().mapToLong(SubtaskDetails::recordsIn).sum();
  }

  public long recordsOut() {
    return subtasks.stream().mapToLong(SubtaskDetails::recordsOut).sum();
  }

  public long backPressuredMillis() {
    return subtasks.stream().mapToLong(SubtaskDetails::backPressuredMillis).sum();
  }

  /**
   * The vertex's watermark as Flink shows it: the lowest over its subtasks, since that is how far event time has
   * advanced for all of them; {@link SubtaskDetails#NO_WATERMARK} when a subtask has none (or none is reported).
   */
  public long watermark() {
    return subtasks.stream().mapToLong(SubtaskDetails::watermark).min().orElse(SubtaskDetails.NO_WATERMARK);
  }

  /** Subtasks per state, all states present. */
  public Map<SubtaskState, Integer> taskCounts() {
    Map<SubtaskState, Integer> counts = TaskCounts.empty();
    subtasks.forEach(s -> counts.merge(s.status(), 1, Integer::sum));
    return counts;
  }

  /**
   * The vertex's state as Flink aggregates it: a failure wins, then anything still going on, and only when all
   * subtasks agree the vertex is FINISHED or CANCELED.
   */
  public SubtaskState status() {
    Map<SubtaskState, Integer> c = taskCounts();
    if (subtasks.isEmpty()) {
      return SubtaskState.CREATED;
    }
    for (SubtaskState s : List.of(SubtaskState.FAILED, SubtaskState.CANCELING, SubtaskState.RUNNING, SubtaskState.INITIALIZING,
        SubtaskState.DEPLOYING, SubtaskState.SCHEDULED, SubtaskState.CREATED)) {
      if (c.get(s) > 0) {
        return s;
      }
    }
    return c.get(SubtaskState.CANCELED) > 0 ? SubtaskState.CANCELED : SubtaskState.FINISHED;
  }

  /** Helpers for per-state counts. */
  public static final class TaskCounts {
    private TaskCounts() {}

    public static Map<SubtaskState, Integer> empty() {
      Map<SubtaskState, Integer> m = new EnumMap<>(SubtaskState.class);
      for (SubtaskState s : SubtaskState.values()) {
        m.put(s, 0);
      }
      return m;
    }

    public static Map<SubtaskState, Integer> of(List<VertexDetails> vertices) {
      Map<SubtaskState, Integer> m = empty();
      for (VertexDetails v : vertices) {
        v.taskCounts().forEach((s, n) -> m.merge(s, n, Integer::sum));
      }
      return m;
    }
  }
}
