package io.rivulet.runtime.execution;

import io.rivulet.api.JobExecutionResult;
import io.rivulet.runtime.checkpoint.CheckpointCoordinator;
import io.rivulet.runtime.checkpoint.CompletedCheckpoint;
import io.rivulet.runtime.jobmaster.JobMaster;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A job running in this JVM in the background (started by {@link LocalExecutor#start}): its job master, the same
 * one a cluster runs, to watch and command it, and its result.
 */
public interface LocalJobHandle {
  String jobId();

  /** Status, subtasks, failures, restarts and checkpoint counts, as the control plane shows them. */
  JobMaster jobMaster();

  /** Completes when the job ended: with its result when it finished, exceptionally when it failed or was cancelled. */
  CompletableFuture<JobExecutionResult> result();

  /** Tells {@code listener} about every checkpoint that completes or aborts from now on; it must not block. */
  default void addCheckpointListener(CheckpointCoordinator.Listener listener) {
    jobMaster().coordinator().addListener(listener);
  }

  default long completedCheckpoints() {
    return jobMaster().coordinator().completedCount();
  }

  default int restarts() {
    return jobMaster().restarts();
  }

  /** Triggers a checkpoint now; completes when it completed, exceptionally if it could not be taken. */
  default CompletableFuture<CompletedCheckpoint> triggerCheckpoint() {
    return jobMaster().triggerCheckpoint();
  }

  /**
   * Takes a savepoint into a new directory under {@code target}; with {@code stop}, no periodic checkpoint follows
   * it, and the caller cancels the job once it completed.
   */
  default CompletableFuture<CompletedCheckpoint> triggerSavepoint(Path target, boolean stop) {
    return jobMaster().triggerSavepoint(target, stop);
  }

  /** Cancels the job; the result completes exceptionally with a {@link java.util.concurrent.CancellationException}. */
  default void cancel() {
    jobMaster().cancel();
  }
}
