package io.rivulet.runtime.execution;

import io.rivulet.api.JobExecutionException;
import io.rivulet.api.JobExecutionResult;
import io.rivulet.api.JobExecutor;
import io.rivulet.api.config.JobConfig;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.runtime.checkpoint.CheckpointStorage;
import io.rivulet.runtime.checkpoint.CompletedCheckpoint;
import io.rivulet.runtime.dispatcher.Dispatcher;
import io.rivulet.runtime.jobmaster.JarLocation;
import io.rivulet.runtime.jobmaster.JobMaster;
import io.rivulet.runtime.jobmaster.JobStatus;
import io.rivulet.runtime.metrics.JobObserver;
import io.rivulet.runtime.metrics.TaskObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs a job in this JVM on a cluster of its own: a {@link Dispatcher} with one task runtime in this JVM, as many
 * slots as the job's highest parallelism, and the job master every cluster runs. Every subtask is a thread and every
 * exchange a local channel (DURABLE edges still go through Kafka).
 */
public final class LocalExecutor implements JobExecutor {
  private final TaskObserver tasks;
  private final JobObserver jobs;

  public LocalExecutor() {
    this(TaskObserver.NONE, JobObserver.NONE);
  }

  /** An executor whose jobs and tasks are reported to metrics reporters. */
  public LocalExecutor(TaskObserver tasks, JobObserver jobs) {
    this.tasks = tasks;
    this.jobs = jobs;
  }

  @Override
  public JobExecutionResult execute(JobGraph job) throws Exception {
    LocalJobHandle handle = start(job);
    try {
      return handle.result().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    } catch (InterruptedException e) {
      handle.cancel();
      throw e;
    }
  }

  /** Starts the job in the background and returns at once. */
  public LocalJobHandle start(JobGraph job) throws Exception {
    return start(job, null);
  }

  /**
   * Starts the job under the given id (null: a generated one) in the background. Jobs without a JAR load their
   * classes through the calling thread's context class loader.
   */
  public LocalJobHandle start(JobGraph job, String jobId) throws Exception {
    String id = jobId != null ? jobId : UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
    JobConfig config = job.config();
    boolean temporaryStorage = config.checkpointDirectory() == null;
    Path root = temporaryStorage ? Files.createTempDirectory("rivulet-checkpoints-")
        : Path.of(config.checkpointDirectory());
    CompletedCheckpoint restore = config.restoreFrom() == null ? null
        : CheckpointStorage.load(Path.of(config.restoreFrom()));
    int slots = job.vertices().stream().mapToInt(JobVertex::parallelism).max().orElse(1);
    Dispatcher dispatcher = Dispatcher.builder().checkpointRoot(root)
        .embeddedRuntime("embedded-" + id, slots, classLoader, tasks).build();
    JobMaster master;
    try {
      master = dispatcher.submit(id, job, JarLocation.NONE, null, restore);
    } catch (RuntimeException e) {
      dispatcher.close();
      throw e;
    }
    jobs.jobStarted(master.asObservedJob());
    CompletableFuture<JobExecutionResult> result = new CompletableFuture<>();
    master.termination().whenComplete((status, error) -> {
      // the dispatcher's own threads complete this: close it from another one, since closing waits for the tasks
      Thread closer = new Thread(() -> {
        jobs.jobEnded(id);
        dispatcher.close();
        if (temporaryStorage) {
          CheckpointStorage.deleteRecursively(root);
        }
        complete(result, master, status, error);
      }, "rivulet-job-end " + job.jobName());
      closer.setDaemon(true);
      closer.start();
    });
    return new LocalJobHandle() {
      @Override
      public String jobId() {
        return id;
      }

      @Override
      public JobMaster jobMaster() {
        return master;
      }

      @Override
      public CompletableFuture<JobExecutionResult> result() {
        return result;
      }
    };
  }

  private static void complete(CompletableFuture<JobExecutionResult> result, JobMaster master, JobStatus status,
      Throwable error) {
    String name = master.graph().jobName();
    if (error != null) {
      result.completeExceptionally(error);
    } else if (status == JobStatus.FINISHED) {
      result.complete(new JobExecutionResult(master.jobId(), name, master.endTime() - master.startTime(),
          master.restarts(), master.coordinator().completedCount()));
    } else if (status == JobStatus.CANCELED) {
      result.completeExceptionally(new CancellationException("job '" + name + "' was cancelled"));
    } else {
      int restarts = master.restarts();
      result.completeExceptionally(new JobExecutionException(master.jobId(), "job '" + name + "' failed"
          + (restarts > 0 ? " after " + restarts + " restarts" : "") + " (" + master.graph().config().restartStrategy()
          + "): " + master.failureCause().getMessage(), master.failureCause()));
    }
  }
}
