package io.rivulet.runtime.taskexecutor;

import io.rivulet.proto.control.Ack;
import io.rivulet.runtime.rpc.ControlPlaneGateway;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Sends a runtime's reports (task states, checkpoint answers) to the control plane one at a time, in the order they
 * were submitted, without any thread waiting for the network: the next report leaves when the previous one was
 * answered. A report that fails for a transport reason is retried (holding back the ones behind it, to keep the
 * order) a few times and then dropped: the heartbeat carries every task's state too, so the control plane converges
 * anyway. Task and checkpoint I/O threads submit; answers arrive on the transport's threads.
 */
public final class Reports {
  private static final System.Logger LOG = System.getLogger(Reports.class.getName());
  static final int ATTEMPTS = 5;

  private static final class Report {
    final String what;
    final Function<ControlPlaneGateway, CompletableFuture<Ack>> call;
    int failures;

    Report(String what, Function<ControlPlaneGateway, CompletableFuture<Ack>> call) {
      this.what = what;
      this.call = call;
    }
  }

  private final ControlPlaneGateway gateway;
  private final ScheduledExecutorService retries;
  private final Duration retryInterval;
  /** Guarded by {@code this}. */
  private final ArrayDeque<Report> queue = new ArrayDeque<>();
  /** The head report is on its way (or waits for a retry); guarded by {@code this}. */
  private boolean sending;
  /** Completed when the queue runs empty; guarded by {@code this}. */
  private CompletableFuture<Void> drained = CompletableFuture.completedFuture(null);

  /** @param retries schedules the retries of failed reports (owned by the caller) */
  public Reports(ControlPlaneGateway gateway, ScheduledExecutorService retries, Duration retryInterval) {
    this.gateway = gateway;
    this.retries = retries;
    this.retryInterval = retryInterval;
  }

  public void submit(String what, Function<ControlPlaneGateway, CompletableFuture<Ack>> call) {
    synchronized (this) {
      queue.add(new Report(what, call));
      if (drained.isDone()) {
        drained = new CompletableFuture<>();
      }
      if (sending) {
        return;
      }
      sending = true;
    }
    sendHead();
  }

  /** Reports queued, on their way or waiting for a retry. */
  public synchronized int pending() {
    return queue.size();
  }

  /** Completes once every report submitted so far was answered or dropped. */
  public synchronized CompletableFuture<Void> drained() {
    return drained;
  }

  private void sendHead() {
    Report r;
    CompletableFuture<Void> empty = null;
    synchronized (this) {
      r = queue.peek();
      if (r == null) {
        sending = false;
        empty = drained;
      }
    }
    if (r == null) {
      empty.complete(null);
      return;
    }
    CompletableFuture<Ack> answer;
    try {
      answer = r.call.apply(gateway);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((ack, error) -> answered(r, ack, error));
  }

  private void answered(Report r, Ack ack, Throwable error) {
    if (error != null) {
      if (++r.failures < ATTEMPTS) {
        LOG.log(System.Logger.Level.DEBUG, "sending {0} failed ({1}), retrying", r.what, error.toString());
        try {
          retries.schedule(this::sendHead, retryInterval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
          LOG.log(System.Logger.Level.DEBUG, "runtime shutting down, not retrying {0}", r.what);
        }
        return; // the report stays at the head: nothing overtakes it
      }
      LOG.log(System.Logger.Level.WARNING, "dropping {0} after {1} attempts: {2}", r.what, ATTEMPTS, error.toString());
    } else if (!ack.getOk()) {
      LOG.log(System.Logger.Level.WARNING, "control plane refused {0}: {1}", r.what, ack.getMessage());
    }
    synchronized (this) {
      queue.poll();
    }
    sendHead();
  }
}
