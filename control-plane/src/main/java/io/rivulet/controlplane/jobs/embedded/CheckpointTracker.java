package io.rivulet.controlplane.jobs.embedded;

import io.rivulet.controlplane.jobs.CheckpointStats.CompletedCheckpointInfo;
import io.rivulet.runtime.checkpoint.CheckpointCoordinator;
import io.rivulet.runtime.checkpoint.CompletedCheckpoint;

/**
 * Remembers the latest completed checkpoint of one embedded job, which the engine's handle only counts.
 * Written by the coordinator's threads, read by REST threads: the fields are volatile and each is replaced
 * whole.
 */
final class CheckpointTracker implements CheckpointCoordinator.Listener {
  private volatile CompletedCheckpointInfo latest;
  /** Epoch millis of the first completion, -1 before: restarts after it restore from a checkpoint. */
  private volatile long firstCompletedAt = -1;

  @Override
  public void onCompleted(CompletedCheckpoint checkpoint, long durationMillis) {
    latest = new CompletedCheckpointInfo(checkpoint.id(), checkpoint.timestamp(), durationMillis,
        checkpoint.sizeBytes(), checkpoint.directory(), checkpoint.savepoint());
    if (firstCompletedAt < 0) {
      firstCompletedAt = checkpoint.timestamp() + durationMillis;
    }
  }

  CompletedCheckpointInfo latest() {
    return latest;
  }

  long firstCompletedAt() {
    return firstCompletedAt;
  }
}
