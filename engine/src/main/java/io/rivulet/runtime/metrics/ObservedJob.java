package io.rivulet.runtime.metrics;

import io.rivulet.runtime.checkpoint.CheckpointCoordinator;

/** What a metrics reporter may read of a running job: its identity, checkpoints and restarts. Thread-safe. */
public interface ObservedJob {
  String jobId();

  String jobName();

  /** Tells {@code listener} about checkpoints that complete or abort from now on (coordinator threads). */
  void addCheckpointListener(CheckpointCoordinator.Listener listener);

  long completedCheckpoints();

  /** Checkpoints that were triggered and did not complete. */
  long failedCheckpoints();

  /** Restarts so far (a new attempt after a failure). */
  int restarts();
}
