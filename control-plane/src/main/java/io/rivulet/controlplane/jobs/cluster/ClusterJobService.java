package io.rivulet.controlplane.jobs.cluster;

import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.controlplane.ApiException;
import io.rivulet.controlplane.jobs.CheckpointStats;
import io.rivulet.controlplane.jobs.CheckpointTracker;
import io.rivulet.controlplane.jobs.ClusterOverview;
import io.rivulet.controlplane.jobs.FailureInfo;
import io.rivulet.controlplane.jobs.JobDetails;
import io.rivulet.controlplane.jobs.JobExceptions;
import io.rivulet.controlplane.jobs.JobOrigin;
import io.rivulet.controlplane.jobs.JobService;
import io.rivulet.controlplane.jobs.JobState;
import io.rivulet.controlplane.jobs.JobSubmission;
import io.rivulet.controlplane.jobs.JobSummary;
import io.rivulet.controlplane.jobs.SubtaskDetails;
import io.rivulet.controlplane.jobs.TaskManagerInfo;
import io.rivulet.controlplane.jobs.TaskState;
import io.rivulet.controlplane.jobs.UserCode;
import io.rivulet.controlplane.jobs.VertexDetails;
import io.rivulet.controlplane.store.JobRecord;
import io.rivulet.controlplane.store.JobStore;
import io.rivulet.runtime.checkpoint.CheckpointCoordinator;
import io.rivulet.runtime.checkpoint.CompletedCheckpoint;
import io.rivulet.runtime.cluster.FailureRecord;
import io.rivulet.runtime.cluster.JarLocation;
import io.rivulet.runtime.cluster.JobMaster;
import io.rivulet.runtime.cluster.JobStatus;
import io.rivulet.runtime.cluster.RuntimeRegistry;
import io.rivulet.runtime.cluster.SubtaskReport;
import io.rivulet.runtime.metrics.JobObserver;
import io.rivulet.runtime.metrics.ObservedJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Runs jobs on registered task runtimes: one {@link JobMaster} per job (scheduling, deployment, checkpoints,
 * failover), with the job record persisted on every change. Jobs that were running when the control plane
 * stopped are not taken over again: they are recorded as FAILED, with the latest checkpoint to restart from.
 */
public final class ClusterJobService implements JobService, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ClusterJobService.class);
  static final String RESTARTED = "control plane restarted while the job was running: the cluster cancels the"
      + " job's tasks; submit it again (with savepointPath set to its latest checkpoint to keep its state)";

  /** One job: its persisted record and, while it runs, its master. */
  private static final class ClusterJob {
    final AtomicReference<JobRecord> record;
    final JobMaster master;
    final UserCode userCode;
    final CheckpointTracker checkpoints = new CheckpointTracker();

    ClusterJob(JobRecord record, JobMaster master, UserCode userCode) {
      this.record = new AtomicReference<>(record);
      this.master = master;
      this.userCode = userCode;
    }
  }

  private final JobStore store;
  private final RuntimeRegistry runtimes;
  private final ScheduledExecutorService scheduler;
  private final Path checkpointRoot;
  private final long slotTimeoutMillis;
  private final BiFunction<JobOrigin, UserCode, JarLocation> jars;
  private final LongSupplier clock;
  private final Map<String, ClusterJob> jobs = new ConcurrentHashMap<>();
  private volatile boolean ready;
  private volatile JobObserver jobObserver = JobObserver.NONE;

  /**
   * @param jars where runtimes fetch a job's JAR (by its origin); {@link JarLocation#NONE} for built-ins
   */
  public ClusterJobService(JobStore store, RuntimeRegistry runtimes, ScheduledExecutorService scheduler,
      Path checkpointRoot, long slotTimeoutMillis, BiFunction<JobOrigin, UserCode, JarLocation> jars,
      LongSupplier clock) {
    this.store = store;
    this.runtimes = runtimes;
    this.scheduler = scheduler;
    this.checkpointRoot = checkpointRoot;
    this.slotTimeoutMillis = slotTimeoutMillis;
    this.jars = jars;
    this.clock = clock;
    runtimes.onRuntimeLost(rt -> jobs.values().forEach(j -> {
      if (j.master != null) {
        j.master.onRuntimeLost(rt);
      }
    }));
  }

  public ClusterJobService start() {
    long now = clock.getAsLong();
    for (JobRecord r : store.load()) {
      if (!r.state().isTerminal()) {
        r = r.withFailures(List.of(FailureInfo.reason(now, RESTARTED))).ended(JobState.FAILED, now, r.vertices(),
            r.checkpoints());
        store.save(r);
      }
      jobs.put(r.id(), new ClusterJob(r, null, null));
    }
    ready = true;
    LOG.infof("job store %s loaded: %d jobs; waiting for task runtimes", store.directory(), jobs.size());
    return this;
  }

  /** Tells {@code observer} (metrics) about every job submitted from now on, and about its end. */
  public ClusterJobService observeJobs(JobObserver observer) {
    this.jobObserver = observer;
    return this;
  }

  /** The master of a running job, for the gRPC endpoint; null if unknown or ended long ago. */
  public JobMaster master(String jobId) {
    ClusterJob j = jobs.get(jobId);
    return j == null ? null : j.master;
  }

  @Override
  public boolean isReady() {
    return ready && store.isLoaded();
  }

  @Override
  public String submit(JobSubmission submission) {
    String id = UUID.randomUUID().toString().replace("-", "");
    var graph = submission.graph();
    JobRecord record = JobRecord.created(id, graph.jobName(), submission.origin(), clock.getAsLong(),
        graph.config().maxParallelism());
    store.save(record);
    CompletedCheckpoint restore = null;
    String savepoint = savepointOf(submission);
    if (savepoint != null) {
      try {
        restore = JobMaster.loadCheckpoint(Path.of(savepoint), submission.userCode().classLoader());
      } catch (Exception e) {
        submission.userCode().close();
        throw ApiException.badRequest("cannot start from savepoint '" + savepoint + "': " + e.getMessage());
      }
    }
    JarLocation jar = jars.apply(submission.origin(), submission.userCode());
    JobMaster master = new JobMaster(id, graph, jar, runtimes, scheduler, checkpointRoot, slotTimeoutMillis, restore);
    ClusterJob job = new ClusterJob(record, master, submission.userCode());
    jobs.put(id, job);
    master.coordinator().addListener(job.checkpoints);
    master.onChange(() -> persist(job));
    JobObserver observer = jobObserver;
    observer.jobStarted(observed(id, master));
    master.termination().whenComplete((status, error) -> {
      observer.jobEnded(id);
      persist(job);
      job.userCode.close();
      LOG.infof("job %s (%s) ended %s", id, graph.jobName(), status);
    });
    master.start();
    return id;
  }

  /** A job master as metrics see it. */
  private static ObservedJob observed(String id, JobMaster master) {
    return new ObservedJob() {
      @Override
      public String jobId() {
        return id;
      }

      @Override
      public String jobName() {
        return master.graph().jobName();
      }

      @Override
      public void addCheckpointListener(CheckpointCoordinator.Listener listener) {
        master.coordinator().addListener(listener);
      }

      @Override
      public long completedCheckpoints() {
        return master.coordinator().completedCount();
      }

      @Override
      public long failedCheckpoints() {
        return master.coordinator().abortedCount();
      }

      @Override
      public int restarts() {
        return master.restarts();
      }
    };
  }

  private static String savepointOf(JobSubmission s) {
    if (s.origin() instanceof JobOrigin.Jar jar && jar.savepointPath() != null) {
      return jar.savepointPath();
    }
    return s.graph().config().restoreFrom();
  }

  private void persist(ClusterJob job) {
    JobRecord updated = job.record.updateAndGet(r -> {
      JobState state = stateOf(job.master.status());
      JobRecord next = r.withFailures(failures(job.master));
      if (state.isTerminal()) {
        return r.state().isTerminal() ? r : next.ended(state, job.master.endTime(), vertices(job), checkpointStats(job));
      }
      return next.withState(state);
    });
    try {
      store.save(updated);
    } catch (RuntimeException e) {
      LOG.errorf(e, "could not persist job %s", updated.id());
    }
  }

  private static List<FailureInfo> failures(JobMaster m) {
    List<FailureInfo> list = new ArrayList<>();
    for (FailureRecord f : m.failures()) {
      list.add(new FailureInfo(f.timestamp(), "io.rivulet.TaskFailure", f.message(), f.stacktrace(), f.task()));
    }
    return list;
  }

  private static JobState stateOf(JobStatus s) {
    return JobState.valueOf(s.name());
  }

  private ClusterJob find(String jobId) {
    ClusterJob job = jobId == null ? null : jobs.get(jobId);
    if (job == null) {
      throw ApiException.notFound("job '" + jobId + "' not found: GET /v1/jobs lists the known jobs");
    }
    return job;
  }

  private static boolean live(ClusterJob j) {
    return j.master != null && !j.master.status().isTerminal();
  }

  private static JobState state(ClusterJob j) {
    return live(j) ? stateOf(j.master.status()) : j.record.get().state();
  }

  private static List<VertexDetails> vertices(ClusterJob j) {
    if (j.master == null) {
      return j.record.get().vertices();
    }
    Map<Integer, List<SubtaskReport>> byVertex = j.master.subtasks().stream()
        .collect(Collectors.groupingBy(SubtaskReport::vertexId));
    int attempt = Math.max(0, j.master.attempt());
    List<VertexDetails> list = new ArrayList<>();
    for (JobVertex v : j.master.graph().vertices()) {
      List<SubtaskDetails> subtasks = new ArrayList<>();
      for (SubtaskReport s : byVertex.getOrDefault(v.id(), List.of())) {
        subtasks.add(new SubtaskDetails(s.subtaskIndex(), TaskState.ofEngine(s.state()), attempt, s.recordsIn(),
            s.recordsOut(), s.backPressuredNanos() / 1_000_000, s.currentWatermark(), s.runtimeId()));
      }
      subtasks.sort(Comparator.comparingInt(SubtaskDetails::index));
      list.add(new VertexDetails(String.valueOf(v.id()), v.name(), v.parallelism(), v.maxParallelism(), subtasks));
    }
    return list;
  }

  private JobSummary summary(ClusterJob j) {
    JobRecord r = j.record.get();
    long end = live(j) ? -1 : r.endTime();
    return new JobSummary(r.id(), r.name(), state(j), r.submittedAt(), end, VertexDetails.TaskCounts.of(vertices(j)));
  }

  @Override
  public List<JobSummary> jobs() {
    List<ClusterJob> list = new ArrayList<>(jobs.values());
    list.sort(Comparator.comparingLong((ClusterJob j) -> j.record.get().submittedAt())
        .thenComparing(j -> j.record.get().id()));
    return list.stream().map(this::summary).toList();
  }

  @Override
  public JobDetails job(String jobId) {
    ClusterJob j = find(jobId);
    JobRecord r = j.record.get();
    return new JobDetails(summary(j), r.maxParallelism(), vertices(j), r.origin());
  }

  @Override
  public JobGraph graph(String jobId) {
    ClusterJob j = find(jobId);
    return j.master == null ? null : j.master.graph();
  }

  @Override
  public void cancel(String jobId) {
    ClusterJob j = find(jobId);
    if (!live(j)) {
      throw ApiException.conflict("job '" + jobId + "' is " + state(j) + " and can no longer be cancelled");
    }
    j.master.cancel();
  }

  @Override
  public JobExceptions exceptions(String jobId) {
    ClusterJob j = find(jobId);
    JobRecord r = j.master == null ? j.record.get() : j.record.get().withFailures(failures(j.master));
    List<FailureInfo> newestFirst = new ArrayList<>(r.failures());
    Collections.reverse(newestFirst);
    return new JobExceptions(newestFirst.isEmpty() ? null : newestFirst.get(0), newestFirst, r.failuresDropped());
  }

  @Override
  public CheckpointStats checkpoints(String jobId) {
    ClusterJob j = find(jobId);
    return j.master == null ? j.record.get().checkpoints() : checkpointStats(j);
  }

  private static CheckpointStats checkpointStats(ClusterJob j) {
    CheckpointCoordinator c = j.master.coordinator();
    String restoredFrom = j.master.graph().config().restoreFrom();
    // restores: the start from a savepoint counts as one (as in the embedded service), plus every restart (each
    // restores the latest checkpoint, or the savepoint again before the first one)
    long restored = (restoredFrom != null ? 1 : 0) + j.master.restarts();
    return new CheckpointStats(c.completedCount(), c.abortedCount(), c.inProgress(), restored,
        j.checkpoints.latest(), restoredFrom, j.checkpoints.latestSavepoint(), j.checkpoints.history());
  }

  @Override
  public java.util.concurrent.CompletableFuture<CompletedCheckpoint> triggerSavepoint(String jobId, Path target,
      boolean stop) {
    ClusterJob j = find(jobId);
    JobState state = state(j);
    if (state != JobState.RUNNING || !live(j)) {
      throw io.rivulet.controlplane.jobs.SavepointRequests.notRunning(jobId, state);
    }
    return io.rivulet.controlplane.jobs.SavepointRequests.afterTrigger(jobId, j.master.triggerSavepoint(target, stop),
        stop, j.master::cancel);
  }

  @Override
  public ClusterOverview overview() {
    int running = 0;
    int finished = 0;
    int cancelled = 0;
    int failed = 0;
    for (ClusterJob j : jobs.values()) {
      switch (state(j)) {
        case FINISHED -> finished++;
        case CANCELED -> cancelled++;
        case FAILED -> failed++;
        default -> running++;
      }
    }
    return new ClusterOverview(runtimes.all().size(), runtimes.totalSlots(), runtimes.freeSlots(), running, finished,
        cancelled, failed);
  }

  @Override
  public List<TaskManagerInfo> taskManagers() {
    List<TaskManagerInfo> list = new ArrayList<>();
    for (RuntimeRegistry.Entry e : runtimes.all()) {
      var info = e.info();
      int used = e.usedSlots();
      list.add(new TaskManagerInfo(info.id(), info.host() + ":" + info.controlPort(), info.dataPort(),
          e.lastHeartbeat(), info.slots(), Math.max(0, info.slots() - used),
          new TaskManagerInfo.Hardware(-1, -1, -1, 0)));
    }
    return list;
  }

  @Override
  public void close() {
    for (ClusterJob j : jobs.values()) {
      if (live(j)) {
        j.master.cancel();
      }
    }
  }
}
