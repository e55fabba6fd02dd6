package io.rivulet.controlplane.jobs;

import io.rivulet.runtime.jobmaster.JobStatus;
import io.rivulet.controlplane.ApiException;
import io.rivulet.runtime.checkpoint.CompletedCheckpoint;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** What both job services do around the coordinator's savepoint trigger. */
public final class SavepointRequests {
  private SavepointRequests() {}

  /**
   * A trigger the coordinator refused at once (tasks not all running, another savepoint in progress) is a 409 for
   * the caller; otherwise the future, and with {@code stop} the job is cancelled by {@code cancel} once the savepoint
   * completed (before the future completes, so a caller that sees the savepoint sees the job cancelling).
   */
  public static CompletableFuture<CompletedCheckpoint> afterTrigger(String jobId,
      CompletableFuture<CompletedCheckpoint> triggered, boolean stop, Runnable cancel) {
    if (triggered.isCompletedExceptionally()) {
      Throwable cause;
      try {
        triggered.join();
        cause = null;
      } catch (CompletionException e) {
        cause = e.getCause();
      } catch (java.util.concurrent.CancellationException e) {
        cause = e;
      }
      if (cause instanceof IllegalStateException) {
        throw ApiException.conflict("job '" + jobId + "': " + cause.getMessage());
      }
    }
    return stop ? triggered.thenApply(savepoint -> {
      cancel.run();
      return savepoint;
    }) : triggered;
  }

  public static ApiException notRunning(String jobId, JobStatus state) {
    return ApiException.conflict("job '" + jobId + "' is " + state + ": only a RUNNING job can take a savepoint");
  }
}
