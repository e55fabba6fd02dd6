package io.rivulet.controlplane.jobs;

/**
 * Checkpointing of one job.
 *
 * @param restored how often the job started from a checkpoint or savepoint
 * @param latestCompleted null when none completed
 * @param restoredFrom the savepoint the job was started from, or null
 */
public record CheckpointStats(long completed, long failed, long inProgress, long restored,
    CompletedCheckpointInfo latestCompleted, String restoredFrom) {

  public static final CheckpointStats NONE = new CheckpointStats(0, 0, 0, 0, null, null);

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
