package io.rivulet.runtime.concurrent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link ControlExecutor} driven by hand, for deterministic tests of control code: tasks run only when the test
 * calls {@link #runAll()}, on the test's thread, and time moves only by {@link #advance}. Tasks that are due run in
 * the order of their due time, then of their scheduling.
 */
public final class ManualControlExecutor implements ControlExecutor {
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private final PriorityQueue<Delayed> delayed = new PriorityQueue<>(
      Comparator.comparingLong(Delayed::due).thenComparingLong(Delayed::sequence));
  private long now;
  private long sequence;
  private Thread runner;

  private record Delayed(long due, long sequence, Runnable task, boolean[] cancelled) {}

  public ManualControlExecutor(long startMillis) {
    this.now = startMillis;
  }

  public ManualControlExecutor() {
    this(1_000_000L);
  }

  @Override
  public synchronized void execute(Runnable task) {
    queue.add(task);
  }

  @Override
  public synchronized long now() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, long delayMillis) {
    boolean[] cancelled = {false};
    delayed.add(new Delayed(now + Math.max(0, delayMillis), sequence++, task, cancelled));
    return () -> {
      synchronized (ManualControlExecutor.this) {
        cancelled[0] = true;
      }
    };
  }

  @Override
  public synchronized boolean isInControlThread() {
    return runner == Thread.currentThread();
  }

  /** Runs queued tasks, and the tasks they queue, until none is left; returns how many ran. */
  public int runAll() {
    int ran = 0;
    while (true) {
      Runnable task;
      synchronized (this) {
        task = queue.poll();
        if (task == null) {
          return ran;
        }
        runner = Thread.currentThread();
      }
      try {
        task.run();
      } finally {
        synchronized (this) {
          runner = null;
        }
      }
      ran++;
    }
  }

  /** Moves the clock forward, running every task that falls due (and whatever they queue) on the way. */
  public void advance(long millis) {
    long target;
    synchronized (this) {
      target = now + millis;
    }
    runAll();
    while (true) {
      Delayed next;
      synchronized (this) {
        next = delayed.peek();
        if (next == null || next.due() > target) {
          now = target;
          break;
        }
        delayed.poll();
        now = Math.max(now, next.due());
        if (next.cancelled()[0]) {
          continue;
        }
        queue.add(next.task());
      }
      runAll();
    }
    runAll();
  }

  /** Delayed tasks not yet due and not cancelled, by due time (for assertions on what is scheduled). */
  public synchronized List<Long> pendingDelays() {
    List<Long> list = new ArrayList<>();
    for (Delayed d : delayed) {
      if (!d.cancelled()[0]) {
        list.add(d.due() - now);
      }
    }
    list.sort(Long::compare);
    return list;
  }
}
