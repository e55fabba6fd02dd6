package io.rivulet.controlplane.jobs;

import java.util.List;

/**
 * Checkpointing of one job.
 *
 * @param restored how often the job started from a checkpoint or savepoint
 * @param latestCompleted null when none completed (a checkpoint or a savepoint, whichever came last)
 * @param restoredFrom the savepoint the job was started from, or null
 * @param latestSavepoint the newest savepoint the job took, or null
 * @param history the last completed checkpoints and savepoints, newest first
 */
public record CheckpointStats(long completed, long failed, long inProgress, long restored,
    CompletedCheckpointInfo latestCompleted, String restoredFrom, CompletedCheckpointInfo latestSavepoint,
    List<CompletedCheckpointInfo> history) {

  public static final CheckpointStats NONE = new CheckpointStats(0, 0, 0, 0, null, null, null, List.of());

  public CheckpointStats {
    // records persisted before savepoints existed have no history
    history = history == null ? (latestCompleted == null ? List.of() : List.of(latestCompleted)) : List.copyOf(history);
  }

  public long total() {
    return completed + failed + inProgress;
  }

  /**
   * @param triggerTimestamp when the coordinator triggered it
   * @param durationMillis from trigger to the last acknowledgement (Flink's end_to_end_duration)
   * @param stateSize bytes of state written
   * @param externalPath the checkpoint's directory
   */
  public record CompletedCheckpointInfo(long id, long triggerTimestamp, long durationMillis, long stateSize,
      String externalPath, boolean savepoint) {}
}
