package io.rivulet.taskruntime;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.rivulet.proto.control.RegisterRequest;
import io.rivulet.runtime.metrics.TaskObserver;
import io.rivulet.runtime.network.grpc.DataExchange;
import io.rivulet.runtime.tasks.StreamTask;
import io.rivulet.runtime.tracing.Tracing;
import io.rivulet.taskruntime.control.ControlPlaneClient;
import io.rivulet.taskruntime.control.Registration;
import io.rivulet.taskruntime.control.TaskRuntimeService;
import io.rivulet.taskruntime.deploy.DeployedAttempt;
import io.rivulet.taskruntime.deploy.Deployments;
import io.rivulet.taskruntime.deploy.SharedServices;
import io.rivulet.taskruntime.jobs.JobClassLoaders;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One task runtime, without Quarkus: the data exchange server, the TaskRuntime control server (both plain
 * grpc-java on shaded Netty), the connection to the control plane with registration and heartbeats, and the
 * deployed jobs. The Quarkus application ({@link RuntimeHost}) creates one at startup and closes it at
 * shutdown; tests create them directly, several per JVM.
 *
 * <p>Threads it owns: {@code rivulet-timer} (task timers, cancellation interrupts), two
 * {@code rivulet-checkpoint-io}, {@code rivulet-registration} (register, heartbeat), {@code rivulet-reporter}
 * (task states and checkpoint answers to the control plane, in order), plus gRPC's and the task threads.
 */
public final class TaskRuntimeNode implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TaskRuntimeNode.class.getName());

  private final RuntimeSettings settings;
  private final ScheduledExecutorService timer;
  private final ExecutorService checkpointIo;
  private final ScheduledExecutorService registrationThread;
  private final ScheduledExecutorService reporterThread;
  private final ControlPlaneClient controlPlane;
  private final JobClassLoaders classLoaders;
  private final TaskObserver taskObserver;
  private final Tracing tracing;
  private DataExchange dataExchange;
  private Server controlServer;
  private Deployments deployments;
  private Registration registration;
  private boolean closed;

  public TaskRuntimeNode(RuntimeSettings settings) {
    this(settings, TaskObserver.NONE, Tracing.noop());
  }

  /**
   * @param taskObserver told about every task deployed and ended here (the Quarkus host binds their metrics)
   * @param tracing continues the control plane's traces: its Deploy and checkpoint calls get server spans here,
   *     and deployments their own spans under them
   */
  public TaskRuntimeNode(RuntimeSettings settings, TaskObserver taskObserver, Tracing tracing) {
    this.settings = settings;
    this.taskObserver = taskObserver;
    this.tracing = tracing;
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("rivulet-timer"));
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
    this.checkpointIo = Executors.newFixedThreadPool(2, daemon("rivulet-checkpoint-io"));
    this.registrationThread = Executors.newSingleThreadScheduledExecutor(daemon("rivulet-registration"));
    this.reporterThread = Executors.newSingleThreadScheduledExecutor(daemon("rivulet-reporter"));
    this.controlPlane = new ControlPlaneClient(settings.controlPlaneAddress(), reporterThread,
        settings.retryInterval(), tracing);
    this.classLoaders = new JobClassLoaders(settings.workDir().resolve("jars"), TaskRuntimeNode.class.getClassLoader());
  }

  /** Starts both servers, then registers with the control plane in the background. */
  public synchronized TaskRuntimeNode start() throws IOException {
    dataExchange = new DataExchange(settings.host(), settings.dataPort());
    deployments = new Deployments(new SharedServices(settings.runtimeId(), dataExchange, controlPlane, classLoaders,
        timer, checkpointIo, settings.checkpointsDirectory(), settings.workDir().resolve("rocksdb"),
        settings.cancelGracePeriod(), taskObserver, tracing.tracer()));
    controlServer = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.controlPort()))
        .addService(ServerInterceptors.intercept(new TaskRuntimeService(deployments), tracing.serverInterceptor()))
        .maxInboundMessageSize(256 * 1024 * 1024) // a job graph with large serialized functions or restore state
        .build()
        .start();
    registration = new Registration(controlPlane, RegisterRequest.newBuilder()
        .setRuntimeId(settings.runtimeId()).setHost(settings.host()).setControlPort(controlServer.getPort())
        .setDataPort(dataExchange.port()).setSlots(settings.slots()).setHttpUrl(settings.httpUrl()).build(),
        deployments::summaries, registrationThread, settings.retryInterval());
    registration.start();
    LOG.log(System.Logger.Level.INFO, "task runtime {0} serves control on {1}:{2,number,#} and data on port {3,number,#};"
        + " control plane at {4}", settings.runtimeId(), settings.host(), controlServer.getPort(), dataExchange.port(),
        settings.controlPlaneAddress());
    return this;
  }

  public RuntimeSettings settings() {
    return settings;
  }

  public String id() {
    return settings.runtimeId();
  }

  public synchronized int controlPort() {
    return controlServer.getPort();
  }

  public synchronized int dataPort() {
    return dataExchange.port();
  }

  /** Registered with the control plane and heartbeating: this runtime's readiness. */
  public boolean isRegistered() {
    Registration r = registration;
    return r != null && r.isRegistered();
  }

  /**
   * The runtime's core loops are alive: both gRPC servers serve, and the registration loop (registering or
   * heartbeating) ran recently. False before {@link #start()} and after {@link #close()}.
   */
  public synchronized boolean isAlive() {
    return controlServer != null && !controlServer.isShutdown() && dataExchange != null && !dataExchange.isClosed()
        && registration != null && System.currentTimeMillis() - registration.lastAttempt()
        <= registration.silenceLimitMillis();
  }

  /** Why {@link #isAlive()} is false, or "alive". */
  public synchronized String liveness() {
    if (controlServer == null) {
      return "not started";
    }
    if (controlServer.isShutdown() || dataExchange.isClosed()) {
      return "gRPC servers stopped";
    }
    long silent = System.currentTimeMillis() - registration.lastAttempt();
    return silent > registration.silenceLimitMillis()
        ? "registration loop silent for " + silent + " ms" : "alive";
  }

  public synchronized Deployments deployments() {
    return deployments;
  }

  public JobClassLoaders classLoaders() {
    return classLoaders;
  }

  public synchronized DataExchange dataExchange() {
    return dataExchange;
  }

  public RuntimeStatus status() {
    List<RuntimeStatus.Task> tasks = new ArrayList<>();
    Deployments d = deployments();
    if (d != null) {
      for (DeployedAttempt a : d.attempts()) {
        for (StreamTask t : a.tasks()) {
          tasks.add(new RuntimeStatus.Task(a.key().jobId(), a.key().attempt(), t.info().vertex().id(),
              t.info().vertex().name(), t.info().subtaskIndex(), t.state().name(), t.recordsIn(), t.recordsOut(),
              t.backPressuredNanos()));
        }
      }
    }
    boolean started = controlServer != null;
    return new RuntimeStatus(settings.runtimeId(), settings.host(), settings.slots(), started ? controlPort() : 0,
        started ? dataPort() : 0, isRegistered(), tasks);
  }

  /**
   * Cancels every task and waits for them (at most the grace period and the close timeout, so that their CANCELED
   * reports are queued and no class loader closes under a running task), then for those reports to be sent (at most
   * the close timeout again), then stops heartbeats and servers.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (registration != null) {
      registration.stop();
    }
    if (deployments != null) {
      deployments.close();
      try {
        if (!deployments.awaitAllEnded(settings.cancelGracePeriod().plus(settings.closeTimeout()))) {
          LOG.log(System.Logger.Level.WARNING, "closing with tasks still running: {0}", deployments.attempts());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (controlServer != null) {
      controlServer.shutdownNow();
    }
    registrationThread.shutdownNow();
    reporterThread.shutdown();
    try {
      // the last reports (CANCELED), queued before their attempts ended, go out: the reporter ends once they did
      reporterThread.awaitTermination(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reporterThread.shutdownNow();
    controlPlane.close();
    if (dataExchange != null) {
      dataExchange.close();
    }
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
}
