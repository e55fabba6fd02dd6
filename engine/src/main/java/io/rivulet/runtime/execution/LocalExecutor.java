package io.rivulet.runtime.execution;

import io.rivulet.api.JobExecutionResult;
import io.rivulet.api.JobExecutor;
import io.rivulet.api.graph.JobGraph;

/** Runs a job in this JVM: every subtask is a thread, every exchange a local channel. */
public final class LocalExecutor implements JobExecutor {
  @Override
  public JobExecutionResult execute(JobGraph job) throws Exception {
    try (LocalJobRun run = new LocalJobRun(job, Thread.currentThread().getContextClassLoader())) {
      return run.run();
    }
  }
}
