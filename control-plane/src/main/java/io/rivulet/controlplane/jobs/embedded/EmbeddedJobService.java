package io.rivulet.controlplane.jobs.embedded;

import io.rivulet.api.graph.JobGraph;
import io.rivulet.controlplane.ApiException;
import io.rivulet.controlplane.jobs.CheckpointStats;
import io.rivulet.controlplane.jobs.ClusterOverview;
import io.rivulet.controlplane.jobs.FailureInfo;
import io.rivulet.controlplane.jobs.JobDetails;
import io.rivulet.controlplane.jobs.JobExceptions;
import io.rivulet.controlplane.jobs.JobService;
import io.rivulet.controlplane.jobs.JobState;
import io.rivulet.controlplane.jobs.JobSubmission;
import io.rivulet.controlplane.jobs.JobSummary;
import io.rivulet.controlplane.jobs.TaskManagerInfo;
import io.rivulet.controlplane.store.JobRecord;
import io.rivulet.controlplane.store.JobStore;
import io.rivulet.runtime.execution.LocalExecutor;
import io.rivulet.runtime.execution.LocalJobHandle;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Runs jobs inside the control plane with the engine's {@link LocalExecutor}: the "standalone" mode, for the
 * quick start and for tests. The control plane's JVM is the only task manager; its slots are a number from
 * configuration, reported but not enforced (the local executor runs every subtask as a thread).
 *
 * <p>Jobs do not outlive the JVM: jobs that were running when the control plane stopped are recorded as FAILED
 * ("control plane restarted") when it starts again.
 */
public final class EmbeddedJobService implements JobService, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EmbeddedJobService.class);
  static final String RESTARTED = "control plane restarted while the job was running; embedded jobs do not"
      + " survive a restart: submit it again (from a savepoint to keep its state)";
  static final String SHUT_DOWN = "control plane shut down while the job was running";
  /** How long shutting down waits for cancelled jobs to end. */
  static final long CLOSE_TIMEOUT_MILLIS = 10_000;

  private final JobStore store;
  private final LocalExecutor executor;
  private final int slots;
  private final LongSupplier clock;
  private final Map<String, EmbeddedJob> jobs = new ConcurrentHashMap<>();
  private final String taskManagerId = "embedded-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private volatile boolean ready;
  private volatile boolean closing;

  public EmbeddedJobService(JobStore store, LocalExecutor executor, int slots, LongSupplier clock) {
    this.store = store;
    this.executor = executor;
    this.slots = slots;
    this.clock = clock;
  }

  /** Loads the store; jobs that had not ended were lost with the previous JVM and are recorded as failed. */
  public EmbeddedJobService start() {
    long now = clock.getAsLong();
    for (JobRecord r : store.load()) {
      if (!r.state().isTerminal()) {
        r = r.withFailures(List.of(FailureInfo.reason(now, RESTARTED)))
            .ended(JobState.FAILED, now, r.vertices(), r.checkpoints());
        store.save(r);
      }
      jobs.put(r.id(), EmbeddedJob.restored(r));
    }
    ready = true;
    LOG.infof("job store %s loaded: %d jobs", store.directory(), jobs.size());
    return this;
  }

  @Override
  public boolean isReady() {
    return ready && store.isLoaded();
  }

  @Override
  public String submit(JobSubmission submission) {
    if (closing) {
      submission.userCode().close();
      throw new ApiException(503, "the control plane is shutting down; submit the job again later");
    }
    String id = UUID.randomUUID().toString().replace("-", "");
    JobRecord record = JobRecord.created(id, submission.graph().jobName(), submission.origin(), clock.getAsLong(),
        submission.graph().config().maxParallelism());
    store.save(record);
    EmbeddedJob job = EmbeddedJob.submitted(record, submission.graph(), submission.userCode());
    jobs.put(id, job);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // the local executor loads the job's classes through the context class loader of the submitting thread
    thread.setContextClassLoader(submission.userCode().classLoader());
    try {
      LocalJobHandle handle = executor.start(submission.graph(), id); // the engine's id is the REST id
      job.attach(handle);
      job.update(job.record().withState(JobState.RUNNING));
      store.save(job.record());
      handle.result().whenComplete((result, error) -> ended(job, error));
    } catch (Exception e) {
      LOG.warnf(e, "job %s could not be started", id);
      ended(job, e);
    } finally {
      thread.setContextClassLoader(previous);
    }
    return id;
  }

  /** Records the final state once, persists it, and releases the job's classes. */
  private void ended(EmbeddedJob job, Throwable error) {
    synchronized (job) {
      if (job.record().state().isTerminal()) {
        return;
      }
      long now = clock.getAsLong();
      JobState state = EmbeddedJob.finalState(error, job.cancelRequested());
      JobRecord r = job.record().withFailures(job.engineFailures());
      if (closing && !job.cancelRequested()) {
        state = JobState.FAILED;
        r = r.withFailures(List.of(FailureInfo.reason(now, SHUT_DOWN)));
      } else if (state == JobState.FAILED && r.failures().isEmpty()) {
        r = r.withFailures(List.of(FailureInfo.of(now, rootOf(error), null))); // failed before any task ran
      }
      CheckpointStats checkpoints = job.handle() == null ? CheckpointStats.NONE : job.checkpointStats();
      JobRecord ended = r.ended(state, now, job.vertices(), checkpoints);
      // on disk before anyone can see the job as ended: whoever reads the store after seeing the final state (a
      // control plane started over the same directory, say) must read it too
      try {
        store.save(ended);
      } catch (RuntimeException e) {
        LOG.errorf(e, "could not persist the end of job %s", job.id());
      }
      job.update(ended);
    }
    job.userCode().close();
    job.recorded().complete(null);
    LOG.infof("job %s (%s) ended %s", job.id(), job.record().name(), job.record().state());
  }

  private static Throwable rootOf(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  @Override
  public List<JobSummary> jobs() {
    List<EmbeddedJob> list = new ArrayList<>(jobs.values());
    list.sort(Comparator.comparingLong((EmbeddedJob j) -> j.record().submittedAt()).thenComparing(EmbeddedJob::id));
    return list.stream().map(EmbeddedJob::summary).toList();
  }

  private EmbeddedJob find(String jobId) {
    EmbeddedJob job = jobId == null ? null : jobs.get(jobId);
    if (job == null) {
      throw ApiException.notFound("job '" + jobId + "' not found: GET /v1/jobs lists the known jobs");
    }
    return job;
  }

  @Override
  public JobDetails job(String jobId) {
    return find(jobId).details();
  }

  @Override
  public JobGraph graph(String jobId) {
    return find(jobId).graph();
  }

  @Override
  public void cancel(String jobId) {
    EmbeddedJob job = find(jobId);
    JobState state = job.state();
    if (state.isTerminal() || !job.isLive()) {
      throw ApiException.conflict("job '" + jobId + "' is " + state + " and can no longer be cancelled");
    }
    job.requestCancel();
  }

  @Override
  public JobExceptions exceptions(String jobId) {
    return find(jobId).exceptions();
  }

  @Override
  public CheckpointStats checkpoints(String jobId) {
    EmbeddedJob job = find(jobId);
    return job.isLive() ? job.checkpointStats() : job.record().checkpoints();
  }

  @Override
  public java.util.concurrent.CompletableFuture<io.rivulet.runtime.checkpoint.CompletedCheckpoint> triggerSavepoint(
      String jobId, java.nio.file.Path target, boolean stop) {
    EmbeddedJob job = find(jobId);
    JobState state = job.state();
    LocalJobHandle h = job.handle();
    if (state != JobState.RUNNING || !job.isLive() || h == null) {
      throw io.rivulet.controlplane.jobs.SavepointRequests.notRunning(jobId, state);
    }
    return io.rivulet.controlplane.jobs.SavepointRequests.afterTrigger(jobId, h.triggerSavepoint(target, stop), stop,
        job::requestCancel);
  }

  @Override
  public ClusterOverview overview() {
    int running = 0;
    int finished = 0;
    int cancelled = 0;
    int failed = 0;
    for (EmbeddedJob j : jobs.values()) {
      switch (j.state()) {
        case FINISHED -> finished++;
        case CANCELED -> cancelled++;
        case FAILED -> failed++;
        default -> running++; // Flink counts created, restarting and cancelling jobs as running
      }
    }
    return new ClusterOverview(1, slots, freeSlots(), running, finished, cancelled, failed);
  }

  private int freeSlots() {
    int used = jobs.values().stream().filter(EmbeddedJob::isLive).mapToInt(EmbeddedJob::slots).sum();
    return Math.max(0, slots - used);
  }

  @Override
  public List<TaskManagerInfo> taskManagers() {
    Runtime rt = Runtime.getRuntime();
    long physical = -1;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      physical = os.getTotalMemorySize();
    }
    TaskManagerInfo.Hardware hw = new TaskManagerInfo.Hardware(rt.availableProcessors(), physical, rt.freeMemory(), 0);
    return List.of(new TaskManagerInfo(taskManagerId, "embedded", -1, clock.getAsLong(), slots, freeSlots(), hw));
  }

  /**
   * Stops running jobs and waits (up to {@link #CLOSE_TIMEOUT_MILLIS}) until they have ended and their final
   * state is written; they are recorded as FAILED, like jobs found running after a crash.
   */
  @Override
  public void close() {
    closing = true;
    List<EmbeddedJob> stopping = new ArrayList<>();
    for (EmbeddedJob j : jobs.values()) {
      LocalJobHandle h = j.handle();
      if (j.isLive() && h != null) {
        h.cancel();
        stopping.add(j);
      }
    }
    long deadline = System.currentTimeMillis() + CLOSE_TIMEOUT_MILLIS;
    for (EmbeddedJob j : stopping) {
      try {
        j.recorded().get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        LOG.warnf("job %s did not stop within %d ms of shutdown", j.id(), CLOSE_TIMEOUT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
