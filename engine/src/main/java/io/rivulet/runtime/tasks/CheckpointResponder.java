package io.rivulet.runtime.tasks;

import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.checkpoint.TaskStateSnapshot;

/** How a task answers a checkpoint: to the coordinator in this JVM, or over gRPC to the control plane. */
public interface CheckpointResponder {
  void acknowledge(SubtaskId subtask, int attempt, long checkpointId, TaskStateSnapshot state);

  void decline(SubtaskId subtask, int attempt, long checkpointId, String reason);
}
