package io.rivulet.runtime.tasks;

import io.rivulet.runtime.network.TaskWaker;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Actions for a task thread posted by other threads (timers, checkpoint triggers and notifications,
 * cancellation, the end of the job). The task runs them between buffers, in its own thread, so operators
 * need no locks.
 */
public final class Mailbox {
  /** An action; may throw, which fails the task. */
  @FunctionalInterface
  public interface Mail {
    void run() throws Exception;
  }

  private final ConcurrentLinkedQueue<Mail> queue = new ConcurrentLinkedQueue<>();
  private final TaskWaker waker;

  public Mailbox(TaskWaker waker) {
    this.waker = waker;
  }

  /** Any thread. */
  public void post(Mail mail) {
    queue.add(mail);
    waker.wakeUp();
  }

  public boolean hasMail() {
    return !queue.isEmpty();
  }

  /** Task thread: runs everything queued so far. */
  void runAll() throws Exception {
    Mail m;
    while ((m = queue.poll()) != null) {
      m.run();
    }
  }
}
