package io.rivulet.runtime.taskexecutor;

import io.opentelemetry.context.Context;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.CheckpointNotification;
import io.rivulet.proto.control.CheckpointTrigger;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.JobRef;
import io.rivulet.proto.control.RegisterRequest;
import io.rivulet.runtime.metrics.TaskObserver;
import io.rivulet.runtime.network.grpc.DataExchange;
import io.rivulet.runtime.rpc.ControlPlaneGateway;
import io.rivulet.runtime.rpc.TaskRuntimeGateway;
import io.rivulet.runtime.tracing.Tracing;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One task runtime, whatever hosts it (Flink's task executor): the deployed job attempts, the connection to the
 * control plane (registration, heartbeats, ordered reports) and the threads they use. It is the runtime's side of
 * {@link TaskRuntimeGateway}: a job master in the same JVM calls it directly, one in the control plane process
 * reaches it through {@link io.rivulet.runtime.rpc.TaskRuntimeGrpcService}. The same object runs in the task runtime
 * service and in an embedded mini cluster; only the transports around it differ.
 *
 * <p>Threads it owns: {@code rivulet-timer} (task timers, cancellation interrupts), two {@code rivulet-checkpoint-io},
 * {@code rivulet-deploy} (deployments: fetching JARs, reading the graph, wiring, starting task threads, in order),
 * {@code rivulet-registration} (the registration loop and report retries; it never waits for the network), plus
 * the task threads.
 */
public final class TaskExecutor implements TaskRuntimeGateway {
  private static final System.Logger LOG = System.getLogger(TaskExecutor.class.getName());

  private final RuntimeSettings settings;
  private final ScheduledExecutorService timer;
  private final ExecutorService checkpointIo;
  private final ExecutorService deployThread;
  private final ScheduledExecutorService registrationThread;
  private final ControlPlaneGateway controlPlane;
  private final JobClassLoaders classLoaders;
  private final Reports reports;
  private final Deployments deployments;
  private volatile Registration registration;
  private volatile boolean closed;

  /**
   * @param dataExchange the DIRECT exchange of this runtime, or null for a runtime alone in its cluster
   * @param classLoader the runtime's own classes: jobs without a JAR (built-ins, or an embedded run) load from it
   * @param taskObserver told about every task deployed and ended here (metrics)
   */
  public TaskExecutor(RuntimeSettings settings, ControlPlaneGateway controlPlane, DataExchange dataExchange,
      ClassLoader classLoader, TaskObserver taskObserver, Tracing tracing) {
    this.settings = settings;
    this.controlPlane = controlPlane;
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("rivulet-timer"));
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
    this.checkpointIo = Executors.newFixedThreadPool(2, daemon("rivulet-checkpoint-io"));
    this.deployThread = Executors.newSingleThreadExecutor(daemon("rivulet-deploy"));
    this.registrationThread = Executors.newSingleThreadScheduledExecutor(daemon("rivulet-registration"));
    // a runtime without a control-plane address lives in its job masters' JVM (embedded)
    this.classLoaders = new JobClassLoaders(settings.workDir().resolve("jars"), classLoader, settings.localJars(),
        settings.controlPlaneAddress().isEmpty());
    this.reports = new Reports(controlPlane, registrationThread, settings.retryInterval());
    this.deployments = new Deployments(new SharedServices(settings.runtimeId(), dataExchange, reports, classLoaders,
        timer, checkpointIo, settings.checkpointsDirectory(), settings.workDir().resolve("rocksdb"),
        settings.cancelGracePeriod(), taskObserver, tracing.tracer()));
  }

  /**
   * Registers with the control plane in the background, announcing where this runtime's services listen ({@code 0}
   * for a runtime the control plane reaches in its own JVM), and heartbeats from then on.
   */
  public TaskExecutor start(int controlPort, int dataPort) {
    Registration r = new Registration(controlPlane, RegisterRequest.newBuilder()
        .setRuntimeId(settings.runtimeId()).setHost(settings.host()).setControlPort(controlPort)
        .setDataPort(dataPort).setSlots(settings.slots()).setHttpUrl(settings.httpUrl()).build(),
        deployments::summaries, registrationThread, settings.retryInterval());
    registration = r;
    r.start();
    return this;
  }

  public RuntimeSettings settings() {
    return settings;
  }

  @Override
  public String runtimeId() {
    return settings.runtimeId();
  }

  public Deployments deployments() {
    return deployments;
  }

  public JobClassLoaders classLoaders() {
    return classLoaders;
  }

  /** Reports queued or being retried (for tests and status). */
  public int pendingReports() {
    return reports.pending();
  }

  /** Registered with the control plane and heartbeating: this runtime's readiness. */
  public boolean isRegistered() {
    Registration r = registration;
    return r != null && r.isRegistered();
  }

  public Registration registration() {
    return registration;
  }

  // ---------------------------------------------------------------- TaskRuntimeGateway (any thread)

  /** Deploys on the deploy thread, in arrival order, keeping the caller's trace context. */
  @Override
  public CompletableFuture<Ack> deploy(DeployRequest request) {
    try {
      return CompletableFuture.supplyAsync(Context.current().wrapSupplier(() -> deployments.deploy(request)),
          deployThread);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(Ack.newBuilder().setOk(false)
          .setMessage("task runtime " + runtimeId() + " is shutting down").build());
    }
  }

  @Override
  public CompletableFuture<Ack> cancel(JobRef job) {
    return CompletableFuture.completedFuture(deployments.cancel(job));
  }

  @Override
  public CompletableFuture<Ack> triggerCheckpoint(CheckpointTrigger trigger) {
    return CompletableFuture.completedFuture(deployments.triggerCheckpoint(trigger));
  }

  @Override
  public CompletableFuture<Ack> notifyCheckpoint(CheckpointNotification notification) {
    return CompletableFuture.completedFuture(deployments.notifyCheckpoint(notification));
  }

  @Override
  public CompletableFuture<Ack> notifyJobFinished(JobRef job) {
    return CompletableFuture.completedFuture(deployments.notifyJobFinished(job));
  }

  /** A runtime in the caller's own JVM is never lost on its own. */
  @Override
  public void watchConnection(Runnable onLost) {}

  /**
   * Cancels every task and waits for them (at most the grace period and the close timeout, so that their CANCELED
   * reports are queued and no class loader closes under a running task), then for those reports to be sent (at most
   * the close timeout again), then stops heartbeats and threads.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    Registration r = registration;
    if (r != null) {
      r.stop();
    }
    deployThread.shutdownNow();
    deployments.close();
    try {
      if (!deployments.awaitAllEnded(settings.cancelGracePeriod().plus(settings.closeTimeout()))) {
        LOG.log(System.Logger.Level.WARNING, "closing with tasks still running: {0}", deployments.attempts());
      }
      // the last reports (CANCELED), queued before their attempts ended, go out
      reports.drained().get(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.log(System.Logger.Level.WARNING, "closing with {0} reports not sent", reports.pending());
    }
    registrationThread.shutdownNow();
    timer.shutdownNow();
    checkpointIo.shutdownNow();
    classLoaders.close();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public String toString() {
    return "task executor " + runtimeId();
  }
}
