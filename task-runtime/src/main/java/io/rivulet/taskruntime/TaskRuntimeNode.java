package io.rivulet.taskruntime;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.rivulet.runtime.metrics.TaskObserver;
import io.rivulet.runtime.network.grpc.DataExchange;
import io.rivulet.runtime.rpc.GrpcControlPlaneGateway;
import io.rivulet.runtime.rpc.TaskRuntimeGrpcService;
import io.rivulet.runtime.taskexecutor.DeployedAttempt;
import io.rivulet.runtime.taskexecutor.Deployments;
import io.rivulet.runtime.taskexecutor.JobClassLoaders;
import io.rivulet.runtime.taskexecutor.Registration;
import io.rivulet.runtime.taskexecutor.RuntimeSettings;
import io.rivulet.runtime.taskexecutor.TaskExecutor;
import io.rivulet.runtime.tasks.StreamTask;
import io.rivulet.runtime.tracing.Tracing;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One task runtime process, without Quarkus: the engine's {@link TaskExecutor} (the same one an embedded cluster
 * runs) with the transports around it: the data exchange server (DIRECT channels), the TaskRuntime control server
 * and the gRPC connection to the control plane. The Quarkus application ({@link RuntimeHost}) creates one at startup
 * and closes it at shutdown; tests create them directly, several per JVM.
 */
public final class TaskRuntimeNode implements AutoCloseable {
  /** A call to the control plane fails after this long; it answers from memory. */
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(5);

  private final RuntimeSettings settings;
  private final TaskObserver taskObserver;
  private final Tracing tracing;
  private GrpcControlPlaneGateway controlPlane;
  private DataExchange dataExchange;
  private TaskExecutor executor;
  private Server controlServer;
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
  }

  /** Starts both servers, then registers with the control plane in the background. */
  public synchronized TaskRuntimeNode start() throws IOException {
    controlPlane = new GrpcControlPlaneGateway(settings.controlPlaneAddress(), tracing, CALL_DEADLINE);
    dataExchange = new DataExchange(settings.host(), settings.dataPort());
    executor = new TaskExecutor(settings, controlPlane, dataExchange, TaskRuntimeNode.class.getClassLoader(),
        taskObserver, tracing);
    controlServer = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.controlPort()))
        .addService(ServerInterceptors.intercept(new TaskRuntimeGrpcService(executor), tracing.serverInterceptor()))
        .maxInboundMessageSize(256 * 1024 * 1024) // a job graph with large serialized functions or restore state
        .build()
        .start();
    executor.start(controlServer.getPort(), dataExchange.port());
    System.getLogger(TaskRuntimeNode.class.getName()).log(System.Logger.Level.INFO,
        "task runtime {0} serves control on {1}:{2,number,#} and data on port {3,number,#}; control plane at {4}",
        settings.runtimeId(), settings.host(), controlServer.getPort(), dataExchange.port(),
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
  public synchronized boolean isRegistered() {
    return executor != null && executor.isRegistered();
  }

  /**
   * The runtime's core loops are alive: both gRPC servers serve, and the registration loop (registering or
   * heartbeating) ran recently. False before {@link #start()} and after {@link #close()}.
   */
  public synchronized boolean isAlive() {
    return "alive".equals(liveness());
  }

  /** Why {@link #isAlive()} is false, or "alive". */
  public synchronized String liveness() {
    if (controlServer == null) {
      return "not started";
    }
    if (controlServer.isShutdown() || dataExchange.isClosed()) {
      return "gRPC servers stopped";
    }
    Registration r = executor.registration();
    long silent = System.currentTimeMillis() - r.lastAttempt();
    return silent > r.silenceLimitMillis() ? "registration loop silent for " + silent + " ms" : "alive";
  }

  public synchronized TaskExecutor executor() {
    return executor;
  }

  public synchronized JobClassLoaders classLoaders() {
    return executor.classLoaders();
  }

  public synchronized Deployments deployments() {
    return executor == null ? null : executor.deployments();
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
              t.info().vertex().name(), t.info().subtaskIndex(), t.state().name(), t.metrics().recordsIn(),
              t.metrics().recordsOut(), t.metrics().backPressuredNanos()));
        }
      }
    }
    boolean started;
    synchronized (this) {
      started = controlServer != null;
    }
    return new RuntimeStatus(settings.runtimeId(), settings.host(), settings.slots(), started ? controlPort() : 0,
        started ? dataPort() : 0, isRegistered(), tasks);
  }

  /**
   * Cancels every task and waits for them and their CANCELED reports (see {@link TaskExecutor#close()}), then stops
   * the servers.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (executor != null) {
      executor.close();
    }
    if (controlServer != null) {
      controlServer.shutdownNow();
    }
    if (controlPlane != null) {
      controlPlane.close();
    }
    if (dataExchange != null) {
      dataExchange.close();
    }
  }
}
