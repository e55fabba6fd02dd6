package io.rivulet.runtime.taskexecutor;

import io.rivulet.proto.control.HeartbeatRequest;
import io.rivulet.proto.control.HeartbeatResponse;
import io.rivulet.proto.control.RegisterRequest;
import io.rivulet.proto.control.RegisterResponse;
import io.rivulet.proto.control.TaskSummary;
import io.rivulet.runtime.rpc.ControlPlaneGateway;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps this runtime registered with the control plane: registers until accepted (the control plane may start after
 * the runtime, or restart), then heartbeats at the interval the control plane asked for. A heartbeat answered with
 * {@code known=false}, or one that fails, sends the runtime back to registering; it counts as registered (ready) only
 * in between. Calls do not block: each step is scheduled on the caller's scheduler when the previous one answered.
 */
public final class Registration {
  private static final System.Logger LOG = System.getLogger(Registration.class.getName());
  /** Used when the control plane does not name an interval. */
  static final long DEFAULT_HEARTBEAT_MILLIS = 5_000;

  private final ControlPlaneGateway gateway;
  private final RegisterRequest request;
  private final Supplier<List<TaskSummary>> tasks;
  private final ScheduledExecutorService scheduler;
  private final Duration retryInterval;
  private volatile boolean registered;
  private volatile boolean stopped;
  private volatile long heartbeatMillis = DEFAULT_HEARTBEAT_MILLIS;
  private volatile int registrations;
  /** When the loop last registered or heartbeated (epoch millis, whatever the outcome): its liveness. */
  private volatile long lastAttempt = System.currentTimeMillis();

  public Registration(ControlPlaneGateway gateway, RegisterRequest request, Supplier<List<TaskSummary>> tasks,
      ScheduledExecutorService scheduler, Duration retryInterval) {
    this.gateway = gateway;
    this.request = request;
    this.tasks = tasks;
    this.scheduler = scheduler;
    this.retryInterval = retryInterval;
  }

  public void start() {
    schedule(this::register, 0);
  }

  /** Registered and heartbeats accepted; the runtime's readiness. */
  public boolean isRegistered() {
    return registered;
  }

  /** Epoch millis of the loop's last registration or heartbeat attempt, successful or not. */
  public long lastAttempt() {
    return lastAttempt;
  }

  /** How long the loop may be silent before it counts as stuck: well above its pause plus a call's deadline. */
  public long silenceLimitMillis() {
    return 30_000 + 3 * Math.max(heartbeatMillis, retryInterval.toMillis());
  }

  /** How often the control plane accepted a registration (more than once after it forgot this runtime). */
  public int registrations() {
    return registrations;
  }

  public void stop() {
    stopped = true;
    registered = false;
  }

  private void register() {
    if (stopped) {
      return;
    }
    lastAttempt = System.currentTimeMillis();
    gateway.register(request).whenComplete(this::registerAnswered);
  }

  private void registerAnswered(RegisterResponse response, Throwable error) {
    if (stopped) {
      return;
    }
    if (error == null && response.getAccepted()) {
      heartbeatMillis = response.getHeartbeatIntervalMs() > 0 ? response.getHeartbeatIntervalMs()
          : DEFAULT_HEARTBEAT_MILLIS;
      registrations++;
      registered = true;
      LOG.log(System.Logger.Level.INFO, "registered with the control plane as {0}; heartbeat every {1} ms",
          request.getRuntimeId(), heartbeatMillis);
      schedule(this::heartbeat, heartbeatMillis);
      return;
    }
    if (error != null) {
      LOG.log(System.Logger.Level.DEBUG, "control plane not reachable ({0}); retrying", error.toString());
    } else {
      LOG.log(System.Logger.Level.WARNING, "control plane refused registration: {0}", response.getMessage());
    }
    schedule(this::register, retryInterval.toMillis());
  }

  private void heartbeat() {
    if (stopped) {
      return;
    }
    lastAttempt = System.currentTimeMillis();
    gateway.heartbeat(HeartbeatRequest.newBuilder().setRuntimeId(request.getRuntimeId()).addAllTasks(tasks.get())
        .build()).whenComplete(this::heartbeatAnswered);
  }

  private void heartbeatAnswered(HeartbeatResponse response, Throwable error) {
    if (stopped) {
      return;
    }
    if (error == null && response.getKnown()) {
      schedule(this::heartbeat, heartbeatMillis);
      return;
    }
    if (error == null) {
      LOG.log(System.Logger.Level.INFO, "control plane does not know this runtime (restarted?): registering again");
    } else {
      LOG.log(System.Logger.Level.WARNING, "heartbeat failed ({0}): registering again", error.toString());
    }
    registered = false;
    schedule(this::register, 0);
  }

  private void schedule(Runnable step, long delayMillis) {
    if (stopped) {
      return;
    }
    try {
      scheduler.schedule(step, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      registered = false;
    }
  }
}
