package io.rivulet.runtime.execution;

import io.rivulet.api.JobExecutionResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A job running in this JVM in the background: watch its tasks, wait for its result, or cancel it. */
public interface LocalJobHandle {
  String jobId();

  /** The subtasks of the current attempt. */
  List<TaskStatus> tasks();

  long completedCheckpoints();

  /** Restarts so far. */
  int restarts();

  CompletableFuture<JobExecutionResult> result();

  /** Cancels the job; the result completes exceptionally. */
  void cancel();
}
