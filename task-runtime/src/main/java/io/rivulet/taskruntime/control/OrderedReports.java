package io.rivulet.taskruntime.control;

import io.grpc.StatusRuntimeException;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.ControlPlaneGrpc.ControlPlaneBlockingStub;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends reports to the control plane one at a time, in submission order, from one reporter thread. A report
 * that fails for a transport reason is retried (blocking the ones behind it, to keep the order) a few times
 * and then dropped: the heartbeat carries every task's state too, so the control plane converges anyway.
 */
final class OrderedReports {
  private static final System.Logger LOG = System.getLogger(OrderedReports.class.getName());
  static final int ATTEMPTS = 5;

  private static final class Report {
    final String what;
    final Function<ControlPlaneBlockingStub, Ack> call;
    int failures;

    Report(String what, Function<ControlPlaneBlockingStub, Ack> call) {
      this.what = what;
      this.call = call;
    }
  }

  private final ScheduledExecutorService thread;
  private final Duration retryInterval;
  private final Supplier<ControlPlaneBlockingStub> stub;
  /** Guarded by {@code this}. */
  private final ArrayDeque<Report> queue = new ArrayDeque<>();
  /** A drain is scheduled or running; guarded by {@code this}. */
  private boolean draining;

  OrderedReports(ScheduledExecutorService thread, Duration retryInterval, Supplier<ControlPlaneBlockingStub> stub) {
    this.thread = thread;
    this.retryInterval = retryInterval;
    this.stub = stub;
  }

  void submit(String what, Function<ControlPlaneBlockingStub, Ack> call) {
    synchronized (this) {
      queue.add(new Report(what, call));
      if (draining) {
        return;
      }
      draining = true;
    }
    try {
      thread.execute(this::drain);
    } catch (RejectedExecutionException shuttingDown) {
      LOG.log(System.Logger.Level.DEBUG, "runtime shutting down, not sending {0}", what);
    }
  }

  synchronized int pending() {
    return queue.size();
  }

  /** Reporter thread only. */
  private void drain() {
    while (true) {
      Report r;
      synchronized (this) {
        r = queue.peek();
        if (r == null) {
          draining = false;
          return;
        }
      }
      try {
        Ack ack = r.call.apply(stub.get());
        if (!ack.getOk()) {
          LOG.log(System.Logger.Level.WARNING, "control plane refused {0}: {1}", r.what, ack.getMessage());
        }
      } catch (StatusRuntimeException e) {
        if (++r.failures < ATTEMPTS) {
          LOG.log(System.Logger.Level.DEBUG, "sending {0} failed ({1}), retrying", r.what, e.getStatus());
          try {
            thread.schedule(this::drain, retryInterval.toMillis(), TimeUnit.MILLISECONDS);
          } catch (RejectedExecutionException shuttingDown) {
            return;
          }
          return; // the report stays at the head: nothing overtakes it
        }
        LOG.log(System.Logger.Level.WARNING, "dropping {0} after {1} attempts: {2}", r.what, ATTEMPTS, e.getStatus());
      }
      synchronized (this) {
        queue.poll();
      }
    }
  }
}
