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

  /** Starts the job on a background thread and returns at once. */
  public LocalJobHandle start(JobGraph job) throws Exception {
    LocalJobRun run = new LocalJobRun(job, Thread.currentThread().getContextClassLoader());
    Thread t = new Thread(() -> {
      try (run) {
        run.result().complete(run.run());
      } catch (Throwable e) {
        run.result().completeExceptionally(e);
      }
    }, "rivulet-job " + job.jobName());
    t.setDaemon(true);
    t.start();
    return run;
  }
}
