package io.rivulet.runtime.execution;

import io.rivulet.api.JobExecutionResult;
import io.rivulet.runtime.checkpoint.CheckpointCoordinator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A job running in this JVM in the background: watch its tasks, wait for its result, or cancel it. */
public interface LocalJobHandle {
  String jobId();

  /** The subtasks of the current attempt. */
  List<TaskStatus> tasks();

  long completedCheckpoints();

  /** Checkpoints that were triggered but declined, timed out or aborted by a restart. */
  long failedCheckpoints();

  /**
   * Tells {@code listener} about every checkpoint that completes or aborts from now on (the control plane's
   * checkpoint statistics). Called on the coordinator's threads; the listener must not block.
   */
  void addCheckpointListener(CheckpointCoordinator.Listener listener);

  /** The task failures so far, oldest first: each one restarted the job or, the last, ended it. */
  List<TaskFailure> failures();

  /** Restarts so far. */
  int restarts();

  CompletableFuture<JobExecutionResult> result();

  /**
   * Takes a savepoint into a new directory under {@code target} (see {@link CheckpointCoordinator#triggerSavepoint});
   * with {@code stop}, no periodic checkpoint follows it, and the caller cancels the job once it completed.
   */
  CompletableFuture<io.rivulet.runtime.checkpoint.CompletedCheckpoint> triggerSavepoint(java.nio.file.Path target,
      boolean stop);

  /** Checkpoints and savepoints triggered and not yet completed or aborted. */
  default int checkpointsInProgress() {
    return 0;
  }

  /** Cancels the job; the result completes exceptionally. */
  void cancel();
}
