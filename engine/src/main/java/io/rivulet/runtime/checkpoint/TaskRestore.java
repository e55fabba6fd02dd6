package io.rivulet.runtime.checkpoint;

import java.util.Map;

/**
 * What one subtask restores: per operator uid of its chain, the state assigned to it from a checkpoint.
 * Operators missing from the map start fresh. Sent as {@code TaskDeployment.restore} through {@link CheckpointFormat}.
 */
public record TaskRestore(long checkpointId, Map<String, OperatorRestore> operators) {
  public OperatorRestore forOperator(String uid) {
    return operators.get(uid);
  }
}
