package io.rivulet.controlplane.jobs;

import io.rivulet.controlplane.jobs.CheckpointStats.CompletedCheckpointInfo;
import io.rivulet.runtime.checkpoint.CheckpointCoordinator;
import io.rivulet.runtime.checkpoint.CompletedCheckpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Remembers the latest completed checkpoint and savepoint of one job and the last few completed ones, which the
 * coordinator only counts. Written by the coordinator's threads, read by REST threads: the fields are volatile and
 * each is replaced whole. Used by both job services.
 */
public final class CheckpointTracker implements CheckpointCoordinator.Listener {
  /** How many completed checkpoints {@code /checkpoints} lists in its history. */
  public static final int HISTORY = 10;

  private volatile CompletedCheckpointInfo latest;
  private volatile CompletedCheckpointInfo latestSavepoint;
  private volatile List<CompletedCheckpointInfo> history = List.of();
  /** Epoch millis of the first completion, -1 before: restarts after it restore from a checkpoint. */
  private volatile long firstCompletedAt = -1;

  @Override
  public synchronized void onCompleted(CompletedCheckpoint checkpoint, long durationMillis) {
    CompletedCheckpointInfo info = new CompletedCheckpointInfo(checkpoint.id(), checkpoint.timestamp(), durationMillis,
        checkpoint.sizeBytes(), checkpoint.directory(), checkpoint.savepoint());
    latest = info;
    if (checkpoint.savepoint()) {
      latestSavepoint = info;
    }
    List<CompletedCheckpointInfo> h = new ArrayList<>(HISTORY);
    h.add(info);
    for (CompletedCheckpointInfo old : history) {
      if (h.size() < HISTORY) {
        h.add(old);
      }
    }
    history = List.copyOf(h);
    if (firstCompletedAt < 0) {
      firstCompletedAt = checkpoint.timestamp() + durationMillis;
    }
  }

  public CompletedCheckpointInfo latest() {
    return latest;
  }

  public CompletedCheckpointInfo latestSavepoint() {
    return latestSavepoint;
  }

  /** Newest first, at most {@link #HISTORY}. */
  public List<CompletedCheckpointInfo> history() {
    return history;
  }

  public long firstCompletedAt() {
    return firstCompletedAt;
  }
}
