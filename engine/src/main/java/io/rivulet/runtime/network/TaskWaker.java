package io.rivulet.runtime.network;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets other threads wake a task thread that ran out of work, without a lock on the hot path. The task
 * announces it is about to sleep ({@link #prepareToPark}), checks once more for work, then
 * {@link #park}s; a {@link #wakeUp} between the two makes the park return at once.
 */
public final class TaskWaker {
  private static final int RUNNING = 0;
  private static final int PARKING = 1;
  private static final int WOKEN = 2;

  private final AtomicInteger state = new AtomicInteger(RUNNING);
  private volatile Thread thread;

  /** Binds the waker to the calling (task) thread. */
  public void bindToCurrentThread() {
    thread = Thread.currentThread();
  }

  /** Task thread: from now on wake-ups are remembered. */
  public void prepareToPark() {
    state.set(PARKING);
  }

  /** Task thread: there is work after all. */
  public void cancelPark() {
    state.set(RUNNING);
  }

  /** Task thread: sleeps until woken (or {@code maxNanos} passed, if positive), unless already woken. */
  public void park(long maxNanos) {
    while (state.get() == PARKING) {
      if (maxNanos > 0) {
        LockSupport.parkNanos(this, maxNanos);
        break;
      }
      LockSupport.park(this);
      if (Thread.interrupted()) {
        break;
      }
    }
    state.set(RUNNING);
  }

  /** Any thread: wakes the task if it sleeps or is about to. Cheap when the task is running. */
  public void wakeUp() {
    if (state.get() != RUNNING && state.getAndSet(WOKEN) == PARKING) {
      Thread t = thread;
      if (t != null) {
        LockSupport.unpark(t);
      }
    }
  }

  /** True if a wake-up arrived since {@link #prepareToPark} (for tests). */
  boolean isWoken() {
    return state.get() == WOKEN;
  }

  public static long millisToNanos(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }
}
