package io.rivulet.cli;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.DiscardingSink;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.serialization.Types;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.CheckpointNotification;
import io.rivulet.proto.control.CheckpointTrigger;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.ExecutionState;
import io.rivulet.proto.control.JobRef;
import io.rivulet.proto.control.TaskDeployment;
import io.rivulet.proto.control.TaskStateReport;
import io.rivulet.runtime.cluster.RuntimeInfo;
import io.rivulet.runtime.cluster.RuntimeRegistry;
import io.rivulet.runtime.concurrent.SerialExecutor;
import io.rivulet.runtime.jobmaster.JarLocation;
import io.rivulet.runtime.jobmaster.JobMaster;
import io.rivulet.runtime.jobmaster.JobMasterServices;
import io.rivulet.runtime.jobmaster.JobStatus;
import io.rivulet.runtime.rpc.TaskRuntimeGateway;
import io.rivulet.runtime.tracing.Tracing;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The control path at scale, by simulation (a benchmark, not a test): the real runtime registry and job master, on
 * the production executors, drive a thousand simulated task runtimes through the {@link TaskRuntimeGateway} seam.
 * A simulated runtime answers a deployment at once and reports each of its subtasks RUNNING, as a runtime's reports
 * arrive; it runs nothing. The job: two vertices of the given parallelism, connected all to all. It prints the time
 * from submission to every subtask running, the time from one runtime's loss to the redeployed attempt running,
 * and the heap the control side holds once the job runs.
 */
@Command(name = "bench-control-plane", description = "Simulate the control path: RUNTIMES task runtimes, a job of two"
    + " vertices of PARALLELISM each, all to all; time to deploy, time to recover from a lost runtime, heap")
final class ControlPlaneBenchCommand implements Callable<Integer> {
  @Parameters(index = "0", defaultValue = "1000", description = "simulated task runtimes (default 1000)")
  int runtimes;

  @Parameters(index = "1", defaultValue = "10000", description = "parallelism of each vertex (default 10000)")
  int parallelism;

  @Override
  public Integer call() throws Exception {
    int slotsPerRuntime = (parallelism + runtimes - 1) / runtimes;
    // one runtime more than the job needs: after one is lost, the next attempt still finds every slot
    int total = runtimes + 1;
    ExecutorService pool = Executors.newFixedThreadPool(2, daemon("rivulet-control"));
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("rivulet-control-timer"));
    ExecutorService io = Executors.newCachedThreadPool(daemon("rivulet-control-io"));
    // the simulated runtimes' own threads: they report as real runtimes do, from other threads than the master's
    ExecutorService runtimeThreads = Executors.newFixedThreadPool(2, daemon("simulated-runtime"));
    Map<String, Simulated> simulated = new ConcurrentHashMap<>();
    JobMaster[] master = new JobMaster[1];
    RuntimeRegistry registry = new RuntimeRegistry(new SerialExecutor("registry", pool, timer), 60_000,
        info -> simulated.get(info.id()));
    registry.onRuntimeLost((rt, reason) -> master[0].onRuntimeLost(rt, reason)); // as the dispatcher tells its masters
    Path checkpoints = Files.createTempDirectory("rivulet-bench-control-");
    JobMasterServices services = new JobMasterServices(registry,
        id -> new SerialExecutor("job master " + id, pool, timer), io, Tracing.noop(), checkpoints, 600_000,
        600_000, 60_000);
    try {
      List<CompletableFuture<Void>> registered = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        String id = String.format("rt-%04d", i);
        Simulated s = new Simulated(id, runtimeThreads, master);
        simulated.put(id, s);
        registered.add(registry.register(new RuntimeInfo(id, "10.1." + (i / 250) + "." + (i % 250), 6124, 6125,
            slotsPerRuntime, "")));
      }
      CompletableFuture.allOf(registered.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
      JobGraph graph = job(parallelism);
      int subtasks = graph.vertices().stream().mapToInt(v -> v.parallelism()).sum();
      System.out.printf("control path: %d simulated task runtimes (%d slots each), a job of 2 vertices x %d"
          + " subtasks, all to all (%,d subtasks)%n", total, slotsPerRuntime, parallelism, subtasks);

      long t0 = System.nanoTime();
      master[0] = new JobMaster("scale", graph, JarLocation.NONE, services, checkpoints.resolve("scale"), null);
      master[0].start();
      awaitAllRunning(master[0], 0);
      double toDeployed = (System.nanoTime() - t0) / 1e9;
      long heap = heapAfterGc();

      Simulated victim = simulated.get(String.format("rt-%04d", 0));
      long t1 = System.nanoTime();
      victim.lose();
      awaitAllRunning(master[0], 1);
      double toRecovered = (System.nanoTime() - t1) / 1e9;
      System.out.printf("deployed: %.2f s from submission to all %,d subtasks running%n", toDeployed, subtasks);
      System.out.printf("recovered: %.2f s from losing %s to the next attempt's %,d subtasks running (attempt %d,"
          + " %d restart)%n", toRecovered, victim.id, subtasks, master[0].attempt(), master[0].restarts());
      System.out.printf("heap: %,d MiB used after GC with the job running (control side and simulated runtimes)%n",
          heap / (1 << 20));
      master[0].cancel();
      master[0].termination().get(5, TimeUnit.MINUTES);
      return master[0].status() == JobStatus.CANCELED ? 0 : 1;
    } finally {
      registry.close();
      pool.shutdownNow();
      timer.shutdownNow();
      io.shutdownNow();
      runtimeThreads.shutdownNow();
    }
  }

  /**
   * Until the job master shows every subtask of {@code attempt} running. The benchmark's own thread looks every
   * millisecond (a scan of volatile fields); the code measured never waits like this.
   */
  private static void awaitAllRunning(JobMaster master, int attempt) throws InterruptedException {
    long next = System.nanoTime() + 10_000_000_000L;
    while (master.attempt() != attempt || master.status() != JobStatus.RUNNING || !master.subtasks().stream()
        .allMatch(s -> s.state() == io.rivulet.runtime.jobmaster.SubtaskState.RUNNING)) {
      if (master.status().isTerminal()) {
        throw new IllegalStateException("the job ended " + master.status() + ": " + master.failures());
      }
      Thread.sleep(1);
      if (System.nanoTime() > next) { // still waiting: say where the job is, in case something is wrong
        next += 10_000_000_000L;
        System.out.printf("  ... attempt %d, %s, %d of %d subtasks running, failures %s%n", master.attempt(),
            master.status(), master.subtasks().stream().filter(s -> s.state()
                == io.rivulet.runtime.jobmaster.SubtaskState.RUNNING).count(), master.subtasks().size(),
            master.failures());
      }
    }
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static JobGraph job(int parallelism) {
    StreamEnvironment env = StreamEnvironment.create(g -> null);
    env.config().maxParallelism(Math.max(128, parallelism * 2));
    env.setParallelism(parallelism);
    env.config().restartStrategy(io.rivulet.api.config.RestartStrategy.fixedDelay(1, Duration.ZERO));
    env.fromSequence(0, Long.MAX_VALUE - 1).rebalance().map(x -> x + 1, Types.LONG).sinkTo(new DiscardingSink<>());
    return env.jobGraph("scale");
  }

  /** A task runtime that runs nothing: it accepts a deployment and reports its subtasks RUNNING. */
  private static final class Simulated implements TaskRuntimeGateway {
    private final String id;
    private final ExecutorService threads;
    private final JobMaster[] master;
    private volatile Runnable onLost;

    Simulated(String id, ExecutorService threads, JobMaster[] master) {
      this.id = id;
      this.threads = threads;
      this.master = master;
    }

    void lose() {
      onLost.run();
    }

    @Override
    public String runtimeId() {
      return id;
    }

    @Override
    public CompletableFuture<Ack> deploy(DeployRequest request) {
      threads.execute(() -> {
        for (TaskDeployment t : request.getTasksList()) {
          master[0].onTaskState(TaskStateReport.newBuilder().setRuntimeId(id).setJobId(request.getJobId())
              .setAttempt(request.getAttempt()).setVertexId(t.getVertexId()).setSubtask(t.getSubtask())
              .setState(ExecutionState.RUNNING).build());
        }
      });
      return ok();
    }

    @Override
    public CompletableFuture<Ack> cancel(JobRef job) {
      return ok();
    }

    @Override
    public CompletableFuture<Ack> triggerCheckpoint(CheckpointTrigger trigger) {
      return ok();
    }

    @Override
    public CompletableFuture<Ack> notifyCheckpoint(CheckpointNotification notification) {
      return ok();
    }

    @Override
    public CompletableFuture<Ack> notifyJobFinished(JobRef job) {
      return ok();
    }

    @Override
    public void watchConnection(Runnable onLost) {
      this.onLost = onLost;
    }

    @Override
    public void close() {}

    private static CompletableFuture<Ack> ok() {
      return CompletableFuture.completedFuture(Ack.newBuilder().setOk(true).build());
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
