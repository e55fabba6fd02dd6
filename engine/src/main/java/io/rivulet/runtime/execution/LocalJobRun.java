package io.rivulet.runtime.execution;

import io.rivulet.api.JobConfig;
import io.rivulet.api.JobExecutionException;
import io.rivulet.api.JobExecutionResult;
import io.rivulet.api.graph.JobEdge;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.runtime.checkpoint.CheckpointCoordinator;
import io.rivulet.runtime.checkpoint.CheckpointStorage;
import io.rivulet.runtime.checkpoint.CompletedCheckpoint;
import io.rivulet.runtime.checkpoint.StateAssignment;
import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.checkpoint.TaskRestore;
import io.rivulet.runtime.checkpoint.TaskStateSnapshot;
import io.rivulet.runtime.metrics.JobObserver;
import io.rivulet.runtime.metrics.LatencyListener;
import io.rivulet.runtime.metrics.ObservedJob;
import io.rivulet.runtime.metrics.TaskObserver;
import io.rivulet.runtime.network.durable.DurableExchange;
import io.rivulet.runtime.state.StateBackends;
import io.rivulet.runtime.tasks.CheckpointResponder;
import io.rivulet.runtime.tasks.StreamTask;
import io.rivulet.runtime.tasks.TaskInfo;
import io.rivulet.runtime.tasks.TaskListener;
import io.rivulet.runtime.tasks.TaskServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of a job in this JVM, with restarts: deploys every subtask as a thread, wires local channels,
 * coordinates checkpoints, and on a task failure cancels all tasks and deploys them again from the latest
 * completed checkpoint, as long as the restart strategy allows.
 */
final class LocalJobRun implements AutoCloseable, LocalJobHandle {
  private static final System.Logger LOG = System.getLogger(LocalJobRun.class.getName());

  private final JobGraph graph;
  private final JobConfig config;
  private final ClassLoader classLoader;
  private final String jobId;
  private final TaskObserver taskObserver;
  private final JobObserver jobObserver;
  private final ScheduledExecutorService timer;
  private final ExecutorService checkpointIo;
  private final CheckpointStorage storage;
  private final boolean temporaryStorage;
  private final CheckpointCoordinator coordinator;
  private final CompletableFuture<JobExecutionResult> result = new CompletableFuture<>();
  /** The attempt now running; replaced on restart. */
  private volatile Attempt current;
  private volatile boolean cancelled;
  private volatile int restarts;
  /** Appended by task threads, read by observers (the control plane); rare, so copy-on-write is cheap. */
  private final List<TaskFailure> failures = new CopyOnWriteArrayList<>();

  LocalJobRun(JobGraph graph, ClassLoader classLoader, String jobId, TaskObserver taskObserver,
      JobObserver jobObserver) throws IOException {
    this.graph = graph;
    this.jobId = jobId != null ? jobId : UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    this.taskObserver = taskObserver;
    this.jobObserver = jobObserver;
    this.config = graph.config();
    this.classLoader = classLoader == null ? LocalJobRun.class.getClassLoader() : classLoader;
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("rivulet-timer"));
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
    this.checkpointIo = Executors.newFixedThreadPool(2, daemon("rivulet-checkpoint-io"));
    this.temporaryStorage = config.checkpointDirectory() == null;
    Path root = temporaryStorage ? Files.createTempDirectory("rivulet-checkpoints-") : Path.of(config.checkpointDirectory());
    this.storage = new CheckpointStorage(root.resolve(this.jobId));
    this.coordinator = new CheckpointCoordinator(this.jobId, graph, storage, 1, 10 * 60_000L);
  }

  JobExecutionResult run() throws Exception {
    if (config.restoreFrom() != null) {
      coordinator.seed(CheckpointStorage.load(Path.of(config.restoreFrom()), classLoader));
    }
    long start = System.currentTimeMillis();
    int attempt = 0;
    jobObserver.jobStarted(observed());
    while (true) {
      if (cancelled) {
        throw new java.util.concurrent.CancellationException("job '" + graph.jobName() + "' was cancelled");
      }
      Attempt a = new Attempt(attempt);
      current = a;
      Throwable error = a.runToEnd();
      if (cancelled) {
        throw new java.util.concurrent.CancellationException("job '" + graph.jobName() + "' was cancelled");
      }
      if (error == null) {
        return new JobExecutionResult(jobId, graph.jobName(), System.currentTimeMillis() - start, attempt,
            coordinator.completedCount());
      }
      attempt++;
      restarts = attempt;
      if (!config.restartStrategy().canRestart(attempt)) {
        throw new JobExecutionException(jobId, "job '" + graph.jobName() + "' failed"
            + (attempt > 1 ? " after " + (attempt - 1) + " restarts" : "") + " (" + config.restartStrategy()
            + "): " + error, error);
      }
      long delay = config.restartStrategy().delayMillis(attempt);
      LOG.log(System.Logger.Level.INFO, "job {0} restarting in {1} ms (attempt {2}) after: {3}", graph.jobName(),
          String.valueOf(delay), String.valueOf(attempt), error.toString());
      Thread.sleep(delay);
    }
  }

  /** One deployment of all subtasks. */
  private final class Attempt implements TaskListener, CheckpointCoordinator.TaskGateway, CheckpointResponder {
    private final int number;
    private final Map<SubtaskId, StreamTask> tasks = new HashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final int total;

    Attempt(int number) throws Exception {
      this.number = number;
      Map<SubtaskId, TaskRestore> restore = coordinator.latest()
          .map(cp -> StateAssignment.assign(cp, graph)).orElse(Map.of());
      // an observer that also records latency (the control plane's meters) hears of markers; no spans here
      TaskServices services = new TaskServices(new StateBackends(), storage, timer, checkpointIo, this,
          LatencyListener.of(taskObserver));
      Map<Integer, List<StreamTask>> byVertex = new HashMap<>();
      for (JobVertex v : graph.vertices()) {
        List<StreamTask> list = new ArrayList<>();
        for (int i = 0; i < v.parallelism(); i++) {
          TaskInfo info = new TaskInfo(jobId, graph, v, i, number);
          StreamTask task = new StreamTask(info, services, this, classLoader, restore.get(info.subtaskId()));
          list.add(task);
          tasks.put(info.subtaskId(), task);
        }
        byVertex.put(v.id(), list);
      }
      DurableExchange durable = new DurableExchange(graph, jobId, number);
      if (DurableExchange.hasDurableEdges(graph)) {
        durable.ensureTopics(graph.edges()); // idempotent: created by the first attempt, reused by restarts
      }
      for (JobEdge e : graph.edges()) {
        List<StreamTask> producers = byVertex.get(e.sourceVertex());
        List<StreamTask> consumers = byVertex.get(e.targetVertex());
        if (DurableExchange.isDurable(e)) {
          for (int i = 0; i < producers.size(); i++) {
            durable.connectProducer(e, producers.get(i), i);
          }
          for (int j = 0; j < consumers.size(); j++) {
            durable.connectConsumer(e, consumers.get(j), j);
          }
        } else {
          ChannelWiring.wire(e, producers, consumers, config);
        }
      }
      total = tasks.size();
    }

    /** Runs the attempt; returns null when the job finished, else the failure. */
    Throwable runToEnd() throws InterruptedException {
      coordinator.newAttempt(number, this);
      if (config.checkpointIntervalMillis() > 0) {
        coordinator.startPeriodic(timer, config.checkpointIntervalMillis());
      }
      for (StreamTask t : tasks.values()) {
        Thread thread = new Thread(t, "rivulet-task " + t.info().displayName() + "#" + number);
        thread.setDaemon(true);
        threads.add(thread);
      }
      tasks.values().forEach(taskObserver::taskDeployed);
      threads.forEach(Thread::start);
      Throwable error;
      try {
        error = outcome.get();
      } catch (java.util.concurrent.ExecutionException e) {
        error = e.getCause();
      }
      coordinator.stopPeriodic();
      coordinator.setTasksRunning(false);
      if (error == null) {
        tasks.values().forEach(StreamTask::notifyJobFinished);
        joinAll();
        for (StreamTask t : tasks.values()) {
          if (t.failure() != null) {
            return t.failure(); // e.g. a sink failed to commit at the very end
          }
        }
        return null;
      }
      tasks.values().forEach(StreamTask::cancel);
      joinAll();
      return error;
    }

    private void joinAll() throws InterruptedException {
      for (Thread t : threads) {
        t.join(5_000);
        if (t.isAlive()) {
          t.interrupt(); // stuck in user code: interrupt, as Flink does for cancellation
          t.join(5_000);
        }
      }
    }

    @Override
    public void onRunning(StreamTask task) {
      if (running.incrementAndGet() == total) {
        coordinator.setTasksRunning(true);
      }
    }

    @Override
    public void onFinished(StreamTask task) {
      coordinator.setTasksRunning(false);
      if (finished.incrementAndGet() == total) {
        outcome.complete(null);
      }
    }

    @Override
    public void onFailed(StreamTask task, Throwable error) {
      LOG.log(System.Logger.Level.WARNING, "task " + task.info().displayName() + " failed", error);
      // only the failure that ends this attempt counts: tasks failing as a consequence come later
      if (!outcome.isDone()) {
        failures.add(new TaskFailure(System.currentTimeMillis(), task.info().displayName(), number, error));
      }
      outcome.complete(error);
    }

    @Override
    public void onTerminated(StreamTask task) {
      taskObserver.taskEnded(task);
    }

    @Override
    public void triggerCheckpoint(SubtaskId source, long checkpointId, long timestamp) {
      tasks.get(source).triggerCheckpoint(checkpointId, timestamp);
    }

    @Override
    public void notifyCheckpointComplete(SubtaskId subtask, long checkpointId) {
      tasks.get(subtask).notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(SubtaskId subtask, long checkpointId) {
      tasks.get(subtask).notifyCheckpointAborted(checkpointId);
    }

    @Override
    public void acknowledge(SubtaskId subtask, int attempt, long checkpointId, TaskStateSnapshot state) {
      coordinator.acknowledge(subtask, attempt, checkpointId, state);
    }

    @Override
    public void decline(SubtaskId subtask, int attempt, long checkpointId, String reason) {
      coordinator.decline(subtask, attempt, checkpointId, reason);
    }
  }

  @Override
  public String jobId() {
    return jobId;
  }

  @Override
  public List<TaskStatus> tasks() {
    Attempt a = current;
    if (a == null) {
      return List.of();
    }
    List<TaskStatus> list = new ArrayList<>();
    for (StreamTask t : a.tasks.values()) {
      TaskInfo i = t.info();
      list.add(new TaskStatus(i.vertex().id(), i.vertex().name(), i.subtaskIndex(), i.attempt(), t.state().name(),
          t.recordsIn(), t.recordsOut(), t.backPressuredNanos()));
    }
    list.sort(java.util.Comparator.comparingInt(TaskStatus::vertexId).thenComparingInt(TaskStatus::subtaskIndex));
    return list;
  }

  @Override
  public long completedCheckpoints() {
    return coordinator.completedCount();
  }

  @Override
  public long failedCheckpoints() {
    return coordinator.abortedCount();
  }

  @Override
  public void addCheckpointListener(CheckpointCoordinator.Listener listener) {
    coordinator.addListener(listener);
  }

  @Override
  public CompletableFuture<CompletedCheckpoint> triggerSavepoint(Path target, boolean stop) {
    return coordinator.triggerSavepoint(target, stop);
  }

  @Override
  public int checkpointsInProgress() {
    return coordinator.inProgress();
  }

  @Override
  public List<TaskFailure> failures() {
    return List.copyOf(failures);
  }

  @Override
  public int restarts() {
    return restarts;
  }

  @Override
  public CompletableFuture<JobExecutionResult> result() {
    return result;
  }

  @Override
  public void cancel() {
    cancelled = true;
    Attempt a = current;
    if (a != null) {
      a.outcome.complete(new java.util.concurrent.CancellationException("cancelled"));
    }
  }

  /**
   * The job's DURABLE topics hold nothing of use once it has ended (a job restored from a savepoint is a new job,
   * with topics of its own), so they go, unless {@code durableExchangeProperty("delete.topics", "false")}.
   */
  private void deleteDurableTopics() {
    if (!DurableExchange.hasDurableEdges(graph)
        || "false".equals(config.durableExchangeProperties().get("delete.topics"))) {
      return;
    }
    try {
      DurableExchange durable = new DurableExchange(graph, jobId, 0);
      io.rivulet.runtime.network.durable.DurableTopics.delete(durable.settings(), durable.topics());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not delete the durable exchange topics of job " + graph.jobName(), e);
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** This run as metrics reporters see it. */
  private ObservedJob observed() {
    return new ObservedJob() {
      @Override
      public String jobId() {
        return jobId;
      }

      @Override
      public String jobName() {
        return graph.jobName();
      }

      @Override
      public void addCheckpointListener(CheckpointCoordinator.Listener listener) {
        coordinator.addListener(listener);
      }

      @Override
      public long completedCheckpoints() {
        return coordinator.completedCount();
      }

      @Override
      public long failedCheckpoints() {
        return coordinator.abortedCount();
      }

      @Override
      public int restarts() {
        return restarts;
      }
    };
  }

  @Override
  public void close() {
    jobObserver.jobEnded(jobId);
    deleteDurableTopics();
    timer.shutdownNow();
    checkpointIo.shutdownNow();
    if (temporaryStorage) {
      CheckpointStorage.deleteRecursively(storage.root().getParent());
    }
  }
}
