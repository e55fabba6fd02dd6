package io.rivulet.runtime.execution;

import io.rivulet.api.JobExecutionResult;
import io.rivulet.api.JobExecutor;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.runtime.metrics.JobObserver;
import io.rivulet.runtime.metrics.TaskObserver;

/** Runs a job in this JVM: every subtask is a thread, every exchange a local channel. */
public final class LocalExecutor implements JobExecutor {
  private final TaskObserver tasks;
  private final JobObserver jobs;

  public LocalExecutor() {
    this(TaskObserver.NONE, JobObserver.NONE);
  }

  /** An executor whose jobs and tasks are reported to metrics reporters (the control plane's embedded mode). */
  public LocalExecutor(TaskObserver tasks, JobObserver jobs) {
    this.tasks = tasks;
    this.jobs = jobs;
  }

  @Override
  public JobExecutionResult execute(JobGraph job) throws Exception {
    try (LocalJobRun run = new LocalJobRun(job, Thread.currentThread().getContextClassLoader(), null, tasks, jobs)) {
      return run.run();
    }
  }

  /** Starts the job on a background thread and returns at once. */
  public LocalJobHandle start(JobGraph job) throws Exception {
    return start(job, null);
  }

  /**
   * Starts the job under the given id (null: a generated one) on a background thread and returns at once. The id
   * names its checkpoint directory and tags its metrics, so a service passes the id it shows to users.
   */
  public LocalJobHandle start(JobGraph job, String jobId) throws Exception {
    LocalJobRun run = new LocalJobRun(job, Thread.currentThread().getContextClassLoader(), jobId, tasks, jobs);
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
