package io.rivulet.runtime.checkpoint;

import java.util.Map;

/**
 * A checkpoint every subtask acknowledged: what a restarted job restores. Stored as {@code _metadata} through
 * {@link CheckpointFormat} (not Serializable on purpose: no Java serialization in checkpoints).
 *
 * @param directory where its files and {@code _metadata} are
 * @param savepoint true if triggered by a user (kept until deleted by hand)
 */
public record CompletedCheckpoint(String jobId, long id, long timestamp, String directory, boolean savepoint,
    Map<String, OperatorState> operators) {

  public long sizeBytes() {
    return operators.values().stream()
        .flatMap(o -> o.subtasks().values().stream())
        .mapToLong(OperatorSubtaskState::sizeBytes).sum();
  }
}
