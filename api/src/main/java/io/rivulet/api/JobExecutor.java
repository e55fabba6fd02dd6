package io.rivulet.api;

import io.rivulet.api.graph.JobGraph;

/**
 * Runs a job graph: in this JVM (the engine's local executor) or on a cluster (remote). Found through
 * {@link java.util.ServiceLoader} of {@link JobExecutorFactory} unless set explicitly.
 */
public interface JobExecutor {
  /** Runs the job and returns when it ended; throws if it failed for good. */
  JobExecutionResult execute(JobGraph job) throws Exception;
}
