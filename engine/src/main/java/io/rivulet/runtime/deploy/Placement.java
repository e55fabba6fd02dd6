package io.rivulet.runtime.deploy;

import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.runtime.checkpoint.SubtaskId;
import java.util.HashMap;
import java.util.Map;

/**
 * Where every subtask of one job attempt runs, as the scheduler decided. Immutable; built from the deploy
 * request and checked to cover every subtask of the graph, so that wiring never meets an unplaced subtask.
 */
public final class Placement {
  private final Map<SubtaskId, TaskLocation> locations;

  private Placement(Map<SubtaskId, TaskLocation> locations) {
    this.locations = Map.copyOf(locations);
  }

  public static Builder builder() {
    return new Builder();
  }

  public TaskLocation of(SubtaskId subtask) {
    TaskLocation l = locations.get(subtask);
    if (l == null) {
      throw new IllegalArgumentException("subtask " + subtask + " is not placed");
    }
    return l;
  }

  public TaskLocation of(int vertexId, int subtask) {
    return of(new SubtaskId(vertexId, subtask));
  }

  public boolean isOn(SubtaskId subtask, String runtimeId) {
    return of(subtask).runtimeId().equals(runtimeId);
  }

  /** Adds locations one by one; {@link #build(JobGraph)} checks that the graph is covered exactly. */
  public static final class Builder {
    private final Map<SubtaskId, TaskLocation> locations = new HashMap<>();

    public Builder place(int vertexId, int subtask, TaskLocation location) {
      if (locations.put(new SubtaskId(vertexId, subtask), location) != null) {
        throw new IllegalArgumentException("subtask " + vertexId + "#" + subtask + " is placed twice");
      }
      return this;
    }

    public Placement build(JobGraph graph) {
      int expected = 0;
      for (JobVertex v : graph.vertices()) {
        for (int i = 0; i < v.parallelism(); i++) {
          if (!locations.containsKey(new SubtaskId(v.id(), i))) {
            throw new IllegalArgumentException("subtask " + (i + 1) + "/" + v.parallelism() + " of vertex '"
                + v.name() + "' (" + v.id() + ") has no placement");
          }
        }
        expected += v.parallelism();
      }
      if (locations.size() != expected) {
        throw new IllegalArgumentException("placement names " + locations.size() + " subtasks, the graph has "
            + expected);
      }
      return new Placement(locations);
    }
  }
}
