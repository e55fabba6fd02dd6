package io.rivulet.controlplane.jobs;

import io.rivulet.api.graph.JobGraph;
import io.rivulet.controlplane.ApiException;
import io.rivulet.controlplane.store.JobRecord;
import io.rivulet.controlplane.store.JobStore;
import io.rivulet.runtime.checkpoint.CheckpointStorage;
import io.rivulet.runtime.checkpoint.CompletedCheckpoint;
import io.rivulet.runtime.cluster.RuntimeRegistry;
import io.rivulet.runtime.dispatcher.Dispatcher;
import io.rivulet.runtime.jobmaster.JarLocation;
import io.rivulet.runtime.jobmaster.JobMaster;
import io.rivulet.runtime.jobmaster.JobStatus;
import io.rivulet.runtime.metrics.JobObserver;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The control plane's jobs, in either mode: each runs on a {@link JobMaster} of the engine's {@link Dispatcher}
 * (scheduling, deployment, checkpoints, fail-over), whether its task runtimes are processes that registered over
 * gRPC or the one the dispatcher runs in this JVM ({@code rivulet.execution=embedded}). This class adds what the REST
 * API needs on top: ids, the persisted job records (every change of a job's status is written, off the job
 * master's thread), the views of jobs that ended before a restart, and the user code's life.
 *
 * <p>Jobs that were running when the control plane stopped are not taken over again: they are recorded as FAILED,
 * with the latest checkpoint to restart from.
 */
public final class DispatcherJobService implements JobService, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DispatcherJobService.class);
  static final String RESTARTED = "control plane restarted while the job was running: its tasks were cancelled;"
      + " submit it again (with savepointPath set to its latest checkpoint to keep its state)";
  static final String SHUT_DOWN = "control plane shut down while the job was running";
  /** How long shutting down waits for cancelled jobs to end. */
  static final long CLOSE_TIMEOUT_MILLIS = 10_000;

  private final JobStore store;
  private final Dispatcher dispatcher;
  private final BiFunction<JobOrigin, UserCode, JarLocation> jars;
  private final LongSupplier clock;
  private final Runnable closeTransport;
  /** Writes job records in the order of their changes, off the job masters' threads (file I/O). */
  private final ExecutorService persistence = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "rivulet-job-store");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, ManagedJob> jobs = new ConcurrentHashMap<>();
  private volatile boolean ready;
  private volatile boolean closing;
  private volatile JobObserver jobObserver = JobObserver.NONE;

  /**
   * @param jars where runtimes fetch a job's JAR (by its origin); {@link JarLocation#NONE} for built-ins
   * @param closeTransport stops what serves the dispatcher's endpoint to runtime processes (run at close)
   */
  public DispatcherJobService(JobStore store, Dispatcher dispatcher, BiFunction<JobOrigin, UserCode, JarLocation> jars,
      LongSupplier clock, Runnable closeTransport) {
    this.store = store;
    this.dispatcher = dispatcher;
    this.jars = jars;
    this.clock = clock;
    this.closeTransport = closeTransport;
  }

  /** Loads the store; jobs that had not ended were lost with the previous process and are recorded as failed. */
  public DispatcherJobService start() {
    long now = clock.getAsLong();
    for (JobRecord r : store.load()) {
      if (!r.state().isTerminal()) {
        r = r.withFailures(List.of(FailureInfo.reason(now, RESTARTED))).ended(JobStatus.FAILED, now, r.vertices(),
            r.checkpoints());
        store.save(r);
      }
      jobs.put(r.id(), new ManagedJob(r, null, null));
    }
    ready = true;
    LOG.infof("job store %s loaded: %d jobs", store.directory(), jobs.size());
    return this;
  }

  /** Tells {@code observer} (metrics) about every job submitted from now on, and about its end. */
  public DispatcherJobService observeJobs(JobObserver observer) {
    this.jobObserver = observer;
    return this;
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  public RuntimeRegistry runtimes() {
    return dispatcher.registry();
  }

  /** True when the task runtime of this control plane runs in its own JVM ({@code rivulet.execution=embedded}). */
  public boolean isEmbedded() {
    return dispatcher.embeddedRuntime() != null;
  }

  @Override
  public boolean isReady() {
    return ready && store.isLoaded();
  }

  /**
   * Starts the job; a submission refused here (a savepoint that cannot be read, a control plane shutting down) leaves
   * no record behind.
   */
  @Override
  public String submit(JobSubmission submission) {
    JobGraph graph = submission.graph();
    if (closing) {
      submission.userCode().close();
      throw new ApiException(503, "the control plane is shutting down; submit the job again later");
    }
    CompletedCheckpoint restore = null;
    String savepoint = savepointOf(submission);
    if (savepoint != null) {
      try {
        restore = CheckpointStorage.load(Path.of(savepoint));
      } catch (Exception e) {
        submission.userCode().close();
        throw ApiException.badRequest("cannot start from savepoint '" + savepoint + "': " + e.getMessage());
      }
    }
    String id = UUID.randomUUID().toString().replace("-", "");
    JobRecord record = JobRecord.created(id, graph.jobName(), submission.origin(), clock.getAsLong(),
        graph.config().maxParallelism());
    store.save(record);
    JarLocation jar = jars.apply(submission.origin(), submission.userCode());
    Path checkpointDirectory = graph.config().checkpointDirectory() == null ? null
        : Path.of(graph.config().checkpointDirectory()).resolve(id);
    JobMaster master = dispatcher.create(id, graph, jar, checkpointDirectory, restore);
    ManagedJob job = new ManagedJob(record, master, submission.userCode());
    jobs.put(id, job);
    master.coordinator().addListener(job.checkpoints);
    master.onChange(() -> persistence.execute(() -> persist(job)));
    JobObserver observer = jobObserver;
    observer.jobStarted(master.asObservedJob());
    master.termination().whenComplete((status, error) -> persistence.execute(() -> {
      observer.jobEnded(id);
      persist(job);
      job.userCode.close();
      job.recorded.complete(null);
      LOG.infof("job %s (%s) ended %s", id, graph.jobName(), status);
    }));
    master.start();
    return id;
  }

  private static String savepointOf(JobSubmission s) {
    if (s.origin() instanceof JobOrigin.Jar jar && jar.savepointPath() != null) {
      return jar.savepointPath();
    }
    return s.graph().config().restoreFrom();
  }

  /**
   * Persistence thread (the only writer of records after submission): writes the job's record as its master now shows
   * it, and only then publishes it, so that whoever sees a job ended finds it ended on disk too.
   */
  private void persist(ManagedJob job) {
    JobRecord r = job.record.get();
    JobStatus state = job.master.status();
    JobRecord next = r.withFailures(job.failures()).withRestarts(job.master.restarts());
    JobRecord updated;
    if (state.isTerminal()) {
      if (r.state().isTerminal()) {
        return;
      }
      if (closing && state == JobStatus.CANCELED) { // cancelled by the shutdown, not by a user
        next = next.withFailures(List.of(FailureInfo.reason(clock.getAsLong(), SHUT_DOWN)));
        state = JobStatus.FAILED;
      }
      updated = next.ended(state, job.master.endTime(), job.vertices(), job.checkpointStats());
    } else {
      updated = next.withState(state);
    }
    try {
      store.save(updated);
    } catch (RuntimeException e) {
      LOG.errorf(e, "could not persist job %s", updated.id());
    }
    job.record.set(updated);
  }

  private ManagedJob find(String jobId) {
    ManagedJob job = jobId == null ? null : jobs.get(jobId);
    if (job == null) {
      throw ApiException.notFound("job '" + jobId + "' not found: GET /v1/jobs lists the known jobs");
    }
    return job;
  }

  @Override
  public List<JobSummary> jobs() {
    List<ManagedJob> list = new ArrayList<>(jobs.values());
    list.sort(Comparator.comparingLong((ManagedJob j) -> j.record.get().submittedAt())
        .thenComparing(j -> j.record.get().id()));
    return list.stream().map(ManagedJob::summary).toList();
  }

  @Override
  public JobDetails job(String jobId) {
    ManagedJob j = find(jobId);
    JobRecord r = j.record.get();
    return new JobDetails(j.summary(), r.maxParallelism(), j.vertices(), r.origin(),
        j.live() ? j.master.restarts() : r.restarts());
  }

  @Override
  public JobGraph graph(String jobId) {
    ManagedJob j = find(jobId);
    return j.master == null ? null : j.master.graph();
  }

  @Override
  public void cancel(String jobId) {
    ManagedJob j = find(jobId);
    if (!j.live() || j.master.status().isTerminal()) {
      throw ApiException.conflict("job '" + jobId + "' is " + j.state() + " and can no longer be cancelled");
    }
    j.master.cancel();
  }

  @Override
  public JobExceptions exceptions(String jobId) {
    ManagedJob j = find(jobId);
    JobRecord r = j.master == null ? j.record.get() : j.record.get().withFailures(j.failures());
    List<FailureInfo> newestFirst = new ArrayList<>(r.failures());
    Collections.reverse(newestFirst);
    return new JobExceptions(newestFirst.isEmpty() ? null : newestFirst.get(0), newestFirst, r.failuresDropped());
  }

  @Override
  public CheckpointStats checkpoints(String jobId) {
    ManagedJob j = find(jobId);
    return j.master == null || !j.live() ? j.record.get().checkpoints() : j.checkpointStats();
  }

  @Override
  public CompletableFuture<CompletedCheckpoint> triggerSavepoint(String jobId, Path target, boolean stop) {
    ManagedJob j = find(jobId);
    JobStatus state = j.state();
    if (state != JobStatus.RUNNING || !j.live()) {
      throw SavepointRequests.notRunning(jobId, state);
    }
    CompletableFuture<CompletedCheckpoint> savepoint;
    try {
      // the job master decides on its control thread at once: wait for the decision, not for the savepoint
      savepoint = j.master.requestSavepoint(target, stop).get(10, TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      throw new ApiException(503, "job '" + jobId + "' did not take the savepoint request: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "interrupted");
    }
    return SavepointRequests.afterTrigger(jobId, savepoint, stop, j.master::cancel);
  }

  @Override
  public ClusterOverview overview() {
    int running = 0;
    int finished = 0;
    int cancelled = 0;
    int failed = 0;
    for (ManagedJob j : jobs.values()) {
      switch (j.state()) {
        case FINISHED -> finished++;
        case CANCELED -> cancelled++;
        case FAILED -> failed++;
        default -> running++; // Flink counts created, restarting and cancelling jobs as running
      }
    }
    RuntimeRegistry r = runtimes();
    return new ClusterOverview(r.all().size(), r.totalSlots(), r.freeSlots(), running, finished, cancelled, failed);
  }

  @Override
  public List<TaskManagerInfo> taskManagers() {
    List<TaskManagerInfo> list = new ArrayList<>();
    String embedded = isEmbedded() ? dispatcher.embeddedRuntime().runtimeId() : null;
    for (RuntimeRegistry.Entry e : runtimes().all()) {
      var info = e.info();
      boolean here = info.id().equals(embedded);
      list.add(new TaskManagerInfo(info.id(), here ? "embedded" : info.host() + ":" + info.controlPort(),
          here ? -1 : info.dataPort(), e.lastHeartbeat(), info.slots(), Math.max(0, info.slots() - e.usedSlots()),
          here ? thisJvm() : new TaskManagerInfo.Hardware(-1, -1, -1, 0)));
    }
    return list;
  }

  /** The hardware of the runtime in this JVM, which is this JVM's. */
  private static TaskManagerInfo.Hardware thisJvm() {
    Runtime rt = Runtime.getRuntime();
    long physical = -1;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      physical = os.getTotalMemorySize();
    }
    return new TaskManagerInfo.Hardware(rt.availableProcessors(), physical, rt.freeMemory(), 0);
  }

  /**
   * Cancels running jobs and waits (up to {@link #CLOSE_TIMEOUT_MILLIS}) until they have ended and their final state
   * is written; they are recorded as FAILED, like jobs found running after a crash. Then stops the dispatcher.
   */
  @Override
  public void close() {
    closing = true;
    List<ManagedJob> stopping = new ArrayList<>();
    for (ManagedJob j : jobs.values()) {
      if (j.live()) {
        j.master.cancel();
        stopping.add(j);
      }
    }
    long deadline = System.currentTimeMillis() + CLOSE_TIMEOUT_MILLIS;
    for (ManagedJob j : stopping) {
      try {
        j.recorded.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
        LOG.warnf("job %s did not stop within %d ms of shutdown", j.record.get().id(), CLOSE_TIMEOUT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    closeTransport.run();
    dispatcher.close();
    persistence.shutdown();
  }
}
