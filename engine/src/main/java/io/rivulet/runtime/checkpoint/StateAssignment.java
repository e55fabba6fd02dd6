package io.rivulet.runtime.checkpoint;

import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.api.graph.StreamNode;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.KeyGroupsStateHandle;
import io.rivulet.runtime.state.KeyGroups;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a completed checkpoint onto the subtasks of a (possibly changed) job graph. Keyed state follows key
 * groups, so it is redistributed when the parallelism changed; non-keyed operator state is tied to the
 * subtask index and therefore needs the same parallelism.
 */
public final class StateAssignment {
  private StateAssignment() {}

  public static Map<SubtaskId, TaskRestore> assign(CompletedCheckpoint checkpoint, JobGraph graph) {
    Set<String> uids = new HashSet<>();
    for (JobVertex v : graph.vertices()) {
      for (StreamNode n : v.operators()) {
        uids.add(n.uid());
      }
    }
    for (String uid : checkpoint.operators().keySet()) {
      if (!uids.contains(uid)) {
        throw new IllegalStateException("checkpoint " + checkpoint.id() + " holds state of operator uid '" + uid
            + "', which the job no longer has: give the operator that uid again (.uid(\"" + uid
            + "\")) or start without this checkpoint");
      }
    }
    Map<SubtaskId, TaskRestore> result = new HashMap<>();
    for (JobVertex v : graph.vertices()) {
      for (int i = 0; i < v.parallelism(); i++) {
        Map<String, OperatorRestore> ops = new HashMap<>();
        for (StreamNode n : v.operators()) {
          OperatorState state = checkpoint.operators().get(n.uid());
          if (state != null) {
            ops.put(n.uid(), forSubtask(state, n, i, v.parallelism(), graph.config().maxParallelism()));
          }
        }
        result.put(new SubtaskId(v.id(), i), new TaskRestore(checkpoint.id(), Map.copyOf(ops)));
      }
    }
    return result;
  }

  private static OperatorRestore forSubtask(OperatorState state, StreamNode node, int index, int parallelism,
      int maxParallelism) {
    if (state.maxParallelism() != maxParallelism) {
      throw new IllegalStateException("operator " + node.describe() + " was checkpointed with max parallelism "
          + state.maxParallelism() + " but the job now has " + maxParallelism
          + ": the number of key groups cannot change; set maxParallelism back to " + state.maxParallelism());
    }
    Map<String, byte[]> operatorState = Map.of();
    if (state.parallelism() == parallelism) {
      OperatorSubtaskState own = state.subtasks().get(index);
      operatorState = own == null ? Map.of() : own.operatorState();
    } else {
      boolean hasOperatorState = state.subtasks().values().stream().anyMatch(s -> !s.operatorState().isEmpty());
      if (hasOperatorState) {
        throw new IllegalStateException("operator " + node.describe() + " has non-keyed state (e.g. a source"
            + " position) checkpointed with parallelism " + state.parallelism() + "; it cannot be restored with"
            + " parallelism " + parallelism + ": keep its parallelism at " + state.parallelism());
      }
    }
    KeyGroupRange range = KeyGroups.rangeForSubtask(index, maxParallelism, parallelism);
    List<KeyGroupsStateHandle> keyed = new ArrayList<>();
    for (OperatorSubtaskState s : state.subtasks().values()) {
      if (s.keyedState() != null && s.keyedState().range().intersect(range).size() > 0) {
        keyed.add(s.keyedState());
      }
    }
    return new OperatorRestore(operatorState, List.copyOf(keyed));
  }
}
