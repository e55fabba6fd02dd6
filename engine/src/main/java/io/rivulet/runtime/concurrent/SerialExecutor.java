package io.rivulet.runtime.concurrent;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A {@link ControlExecutor} over shared threads: tasks run one at a time, in order, on whichever pool thread picks
 * the queue up (an actor's mailbox, not a thread of its own, so a thousand job masters do not need a thousand
 * threads). Delays are kept by a shared timer that only hands the task over to this queue.
 */
public final class SerialExecutor implements ControlExecutor {
  private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());

  private final String name;
  private final Executor pool;
  private final ScheduledExecutorService timer;
  private final LongSupplier clock;
  /** Guarded by itself. */
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  /** A drain is scheduled on the pool or running; guarded by {@link #queue}. */
  private boolean draining;
  /** The thread now draining the queue; null between drains. */
  private volatile Thread runner;
  private volatile boolean shutdown;

  /**
   * @param name for logs and thread checks
   * @param pool runs the drains (shared by many serial executors)
   * @param timer keeps the delays of {@link #schedule} (shared; its tasks only enqueue)
   */
  public SerialExecutor(String name, Executor pool, ScheduledExecutorService timer, LongSupplier clock) {
    this.name = name;
    this.pool = pool;
    this.timer = timer;
    this.clock = clock;
  }

  public SerialExecutor(String name, Executor pool, ScheduledExecutorService timer) {
    this(name, pool, timer, System::currentTimeMillis);
  }

  @Override
  public void execute(Runnable task) {
    if (shutdown) {
      throw new RejectedExecutionException(name + " is shut down");
    }
    synchronized (queue) {
      queue.add(task);
      if (draining) {
        return;
      }
      draining = true;
    }
    try {
      pool.execute(this::drain);
    } catch (RejectedExecutionException e) {
      synchronized (queue) {
        draining = false;
        queue.clear();
      }
      throw e;
    }
  }

  /** Runs what is queued, up to a bound, then yields the pool thread to other executors. */
  private void drain() {
    runner = Thread.currentThread();
    try {
      for (int i = 0; i < 256; i++) {
        Runnable task;
        synchronized (queue) {
          task = queue.poll();
          if (task == null) {
            draining = false;
            return;
          }
        }
        try {
          task.run();
        } catch (Throwable t) {
          LOG.log(System.Logger.Level.ERROR, "task of " + name + " failed", t);
        }
      }
    } finally {
      runner = null;
    }
    // more is queued: go to the back of the pool's queue, so one busy component cannot starve the others
    try {
      pool.execute(this::drain);
    } catch (RejectedExecutionException e) {
      synchronized (queue) {
        draining = false;
        queue.clear();
      }
    }
  }

  @Override
  public long now() {
    return clock.getAsLong();
  }

  @Override
  public Cancellable schedule(Runnable task, long delayMillis) {
    if (shutdown) {
      return Cancellable.NONE;
    }
    try {
      ScheduledFuture<?> f = timer.schedule(() -> {
        if (!shutdown) {
          execute(task);
        }
      }, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException e) {
      return Cancellable.NONE; // the timer is shutting down with the process
    }
  }

  @Override
  public boolean isInControlThread() {
    return runner == Thread.currentThread();
  }

  /** Refuses new tasks; what is queued is dropped at the next drain only if the pool refuses it. */
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public String toString() {
    return name;
  }
}
