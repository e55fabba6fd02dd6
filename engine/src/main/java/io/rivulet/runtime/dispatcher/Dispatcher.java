package io.rivulet.runtime.dispatcher;

import io.rivulet.api.graph.JobGraph;
import io.rivulet.runtime.checkpoint.CheckpointStorage;
import io.rivulet.runtime.checkpoint.CompletedCheckpoint;
import io.rivulet.runtime.cluster.RuntimeInfo;
import io.rivulet.runtime.cluster.RuntimeRegistry;
import io.rivulet.runtime.concurrent.SerialExecutor;
import io.rivulet.runtime.jobmaster.JarLocation;
import io.rivulet.runtime.jobmaster.JobMaster;
import io.rivulet.runtime.jobmaster.JobMasterServices;
import io.rivulet.runtime.metrics.TaskObserver;
import io.rivulet.runtime.rpc.GrpcTaskRuntimeGateway;
import io.rivulet.runtime.rpc.TaskRuntimeGateway;
import io.rivulet.runtime.taskexecutor.RuntimeSettings;
import io.rivulet.runtime.taskexecutor.TaskExecutor;
import io.rivulet.runtime.tracing.Tracing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The control side of one cluster, in one object: the runtime registry, the endpoint runtimes talk to, and a job
 * master per job. The control plane service runs one (its REST layer on top), and so does every embedded run
 * ({@link io.rivulet.runtime.execution.LocalExecutor}); embedded, it also runs a task runtime in this JVM
 * ({@link TaskExecutor}) that registers like any other, through the endpoint, and is reached directly instead of
 * over gRPC. That is the only difference between the modes (Flink's MiniCluster works the same way).
 *
 * <p>Threads: a small pool shared by the control threads of the registry and every job master
 * ({@link SerialExecutor}s), a timer that only hands delayed work to them, and an I/O pool for blocking work
 * (checkpoint metadata, topic clean-up).
 */
public final class Dispatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

  private final Settings settings;
  private final ExecutorService controlPool;
  private final ScheduledThreadPoolExecutor controlTimer;
  private final ExecutorService io;
  private final RuntimeRegistry registry;
  private final ControlPlaneEndpoint endpoint;
  private final JobMasterServices jobMasterServices;
  private final Map<String, JobMaster> jobs = new ConcurrentHashMap<>();
  private final TaskExecutor embedded;
  /** A working directory this dispatcher made for its embedded runtime (deleted at close). */
  private final Path temporaryWorkDir;

  private Dispatcher(Settings settings) {
    this.settings = settings;
    this.controlPool = Executors.newFixedThreadPool(settings.controlThreads, daemon("rivulet-control"));
    this.controlTimer = new ScheduledThreadPoolExecutor(1, daemon("rivulet-control-timer"));
    controlTimer.setRemoveOnCancelPolicy(true);
    this.io = Executors.newCachedThreadPool(daemon("rivulet-control-io"));
    Tracing tracing = settings.tracing;
    this.registry = new RuntimeRegistry(new SerialExecutor("runtime registry", controlPool, controlTimer),
        settings.heartbeatTimeout.toMillis(), this::connect);
    this.jobMasterServices = new JobMasterServices(registry,
        jobId -> new SerialExecutor("job master " + jobId, controlPool, controlTimer), io, tracing,
        settings.checkpointRoot, settings.slotTimeout.toMillis(), JobMasterServices.DEFAULT_CHECKPOINT_TIMEOUT_MILLIS,
        settings.cancelTimeout.toMillis());
    this.endpoint = new ControlPlaneEndpoint(registry, jobs::get, settings.heartbeatInterval.toMillis());
    registry.onRuntimeLost(this::runtimeLost);
    registry.startMonitor(Math.max(100, settings.heartbeatInterval.toMillis()));
    if (settings.embeddedSlots > 0) {
      Path workDir = settings.embeddedWorkDir;
      try {
        this.temporaryWorkDir = workDir == null ? Files.createTempDirectory("rivulet-runtime-") : null;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a work directory for the embedded task runtime", e);
      }
      RuntimeSettings runtime = RuntimeSettings.builder().runtimeId(settings.embeddedRuntimeId)
          .slots(settings.embeddedSlots).workDir(workDir != null ? workDir : temporaryWorkDir)
          .checkpointsDirectory(settings.checkpointRoot).retryInterval(Duration.ofMillis(100))
          .cancelGracePeriod(settings.cancelGracePeriod).httpUrl(settings.embeddedHttpUrl).localJars(true).build();
      this.embedded = new TaskExecutor(runtime, endpoint, null, settings.embeddedClassLoader,
          settings.taskObserver, tracing).start(0, 0);
    } else {
      this.embedded = null;
      this.temporaryWorkDir = null;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The gateway to a runtime that registered: the one in this JVM directly, any other over gRPC. */
  private TaskRuntimeGateway connect(RuntimeInfo info) {
    if (embedded != null && info.id().equals(embedded.runtimeId())) {
      return embedded;
    }
    if (info.controlPort() <= 0 || info.dataPort() <= 0) {
      throw new IllegalArgumentException("task runtime " + info.id() + " registered without its control and data"
          + " ports");
    }
    return new GrpcTaskRuntimeGateway(info.id(), info.host(), info.controlPort(), settings.tracing, settings.callDeadline);
  }

  private void runtimeLost(RuntimeInfo runtime, String reason) {
    for (JobMaster m : jobs.values()) {
      m.onRuntimeLost(runtime, reason);
    }
  }

  /** {@link #create} and start: the master requests slots and deploys the job. */
  public JobMaster submit(String jobId, JobGraph graph, JarLocation jar, Path checkpointDirectory,
      CompletedCheckpoint restoreFrom) {
    JobMaster master = create(jobId, graph, jar, checkpointDirectory, restoreFrom);
    master.start();
    return master;
  }

  /**
   * A job master for the job, not started yet (the caller adds its listeners, then calls {@link JobMaster#start}). It
   * stays reachable by its id (for runtimes' reports) until it ended.
   *
   * @param checkpointDirectory the job's checkpoint directory; null for {@code <checkpoint root>/<job id>}
   * @param restoreFrom a checkpoint or savepoint to start from, or null
   */
  public JobMaster create(String jobId, JobGraph graph, JarLocation jar, Path checkpointDirectory,
      CompletedCheckpoint restoreFrom) {
    Path directory = checkpointDirectory != null ? checkpointDirectory : settings.checkpointRoot.resolve(jobId);
    JobMaster master = new JobMaster(jobId, graph, jar, jobMasterServices, directory, restoreFrom);
    if (jobs.putIfAbsent(jobId, master) != null) {
      throw new IllegalArgumentException("a job with id " + jobId + " runs already");
    }
    master.termination().whenComplete((status, error) -> jobs.remove(jobId, master));
    return master;
  }

  /** The master of a job that has not ended, or null. */
  public JobMaster jobMaster(String jobId) {
    return jobs.get(jobId);
  }

  public Collection<JobMaster> jobMasters() {
    return List.copyOf(jobs.values());
  }

  public RuntimeRegistry registry() {
    return registry;
  }

  /** What task runtimes call: served over gRPC by the control plane, called directly by the embedded runtime. */
  public ControlPlaneEndpoint endpoint() {
    return endpoint;
  }

  /** The task runtime in this JVM, or null when there is none (a control plane in cluster mode). */
  public TaskExecutor embeddedRuntime() {
    return embedded;
  }

  public Path checkpointRoot() {
    return settings.checkpointRoot;
  }

  /** Cancels the jobs still running, stops the embedded runtime and the control threads. */
  @Override
  public void close() {
    for (JobMaster m : jobs.values()) {
      m.cancel();
    }
    if (embedded != null) {
      embedded.close();
    }
    registry.close();
    controlTimer.shutdownNow();
    controlPool.shutdown();
    io.shutdown();
    if (temporaryWorkDir != null) {
      CheckpointStorage.deleteRecursively(temporaryWorkDir);
    }
    LOG.log(System.Logger.Level.DEBUG, "dispatcher closed");
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private record Settings(int controlThreads, Duration heartbeatInterval, Duration heartbeatTimeout,
      Duration slotTimeout, Duration cancelTimeout, Duration callDeadline, Path checkpointRoot, Tracing tracing,
      int embeddedSlots, String embeddedRuntimeId, ClassLoader embeddedClassLoader, TaskObserver taskObserver,
      Path embeddedWorkDir, Duration cancelGracePeriod, String embeddedHttpUrl) {}

  /** Settings with the control plane's defaults; only the checkpoint root is required. */
  public static final class Builder {
    private int controlThreads = 2;
    private Duration heartbeatInterval = Duration.ofSeconds(1);
    private Duration heartbeatTimeout = Duration.ofSeconds(10);
    private Duration slotTimeout = Duration.ofSeconds(60);
    private Duration cancelTimeout = Duration.ofMillis(JobMasterServices.DEFAULT_CANCEL_TIMEOUT_MILLIS);
    private Duration callDeadline = Duration.ofSeconds(30);
    private Path checkpointRoot;
    private Tracing tracing = Tracing.noop();
    private int embeddedSlots;
    private String embeddedRuntimeId = "embedded";
    private ClassLoader embeddedClassLoader = Dispatcher.class.getClassLoader();
    private TaskObserver taskObserver = TaskObserver.NONE;
    private Path embeddedWorkDir;
    private Duration cancelGracePeriod = Duration.ofSeconds(10);
    private String embeddedHttpUrl = "";

    /** Threads shared by the control threads of the registry and all job masters (they never block). */
    public Builder controlThreads(int n) {
      this.controlThreads = n;
      return this;
    }

    public Builder heartbeatInterval(Duration d) {
      this.heartbeatInterval = d;
      return this;
    }

    public Builder heartbeatTimeout(Duration d) {
      this.heartbeatTimeout = d;
      return this;
    }

    public Builder slotTimeout(Duration d) {
      this.slotTimeout = d;
      return this;
    }

    public Builder cancelTimeout(Duration d) {
      this.cancelTimeout = d;
      return this;
    }

    /** How long a call to a task runtime over gRPC may take before it fails. */
    public Builder callDeadline(Duration d) {
      this.callDeadline = d;
      return this;
    }

    public Builder checkpointRoot(Path root) {
      this.checkpointRoot = root;
      return this;
    }

    public Builder tracing(Tracing t) {
      this.tracing = t;
      return this;
    }

    /**
     * Runs a task runtime with {@code slots} slots in this JVM, loading jobs without a JAR through {@code classLoader}
     * and telling {@code observer} about its tasks.
     */
    public Builder embeddedRuntime(String runtimeId, int slots, ClassLoader classLoader, TaskObserver observer) {
      this.embeddedRuntimeId = runtimeId;
      this.embeddedSlots = slots;
      this.embeddedClassLoader = classLoader;
      this.taskObserver = observer;
      return this;
    }

    /** The embedded runtime's work directory (JARs, RocksDB); default: a temporary one, deleted at close. */
    public Builder embeddedWorkDir(Path dir) {
      this.embeddedWorkDir = dir;
      return this;
    }

    /** Where the embedded runtime says its health and metrics are served (the host's HTTP server). */
    public Builder embeddedHttpUrl(String url) {
      this.embeddedHttpUrl = url;
      return this;
    }

    public Builder cancelGracePeriod(Duration d) {
      this.cancelGracePeriod = d;
      return this;
    }

    public Dispatcher build() {
      if (checkpointRoot == null) {
        throw new IllegalArgumentException("a dispatcher needs a checkpoint root");
      }
      return new Dispatcher(new Settings(controlThreads, heartbeatInterval, heartbeatTimeout, slotTimeout,
          cancelTimeout, callDeadline, checkpointRoot, tracing, embeddedSlots, embeddedRuntimeId, embeddedClassLoader,
          taskObserver, embeddedWorkDir, cancelGracePeriod, embeddedHttpUrl));
    }
  }
}
