package io.rivulet.runtime.tasks;

import io.rivulet.api.connector.InputStatus;
import io.rivulet.runtime.network.RecordWriter;
import io.rivulet.runtime.network.TaskWaker;
import io.rivulet.runtime.operators.SourceOperator;

/**
 * The loop of one task thread: takes input (a source's next batch, or the next buffer or event from the input gates),
 * runs mailbox actions (timers, checkpoints, notifications) between them, flushes partly filled buffers on the buffer
 * timeout, and waits without spinning when there is nothing to do or no credit to send. After the end of input it
 * only runs mailbox actions until the job ends or the task is cancelled.
 *
 * <p>Back pressure: before taking more input the loop checks that every output can take a record; if not it waits
 * until the receiver returns credit (or mail arrives).
 *
 * <p>Threads: the waker, the mailbox and the two volatile flags are how other threads reach the task; everything else
 * is the task thread's. The input and the writers are handed to {@link #run} and kept in locals there.
 */
final class TaskLoop {
  /** A quiet source is polled again within this time unless it signals earlier. */
  private static final long SOURCE_POLL_NANOS = 1_000_000L;

  private final TaskWaker waker = new TaskWaker();
  private final Mailbox mailbox = new Mailbox(waker);
  private final TaskIoMetrics metrics;

  // ---- set by any thread, read by the task thread
  private volatile boolean cancelled;
  private volatile boolean jobFinished;

  // ---- task thread only
  private boolean inputEnded;

  TaskLoop(TaskIoMetrics metrics) {
    this.metrics = metrics;
  }

  TaskWaker waker() {
    return waker;
  }

  /** Any thread: actions for the task thread, run between two buffers. */
  Mailbox mailbox() {
    return mailbox;
  }

  /** Any thread: the loop returns as soon as it gets back to its top. */
  void cancel() {
    cancelled = true;
    mailbox.post(() -> {});
  }

  boolean cancelled() {
    return cancelled;
  }

  /** Any thread: every task of the job finished, {@link #awaitJobEnd} returns. */
  void jobFinished() {
    jobFinished = true;
    mailbox.post(() -> {});
  }

  /** Task thread: all input was taken (a source ended, or every input channel did). */
  boolean inputEnded() {
    return inputEnded;
  }

  /**
   * Task thread: runs until the input ended or the task is cancelled.
   *
   * @param source the head operator if it is a source, else null and {@code input} takes the input
   * @param input the task's input gates (none for a source)
   * @param writers the chain's writers to other tasks
   */
  void run(SourceOperator<?> source, InputProcessor input, RecordWriter[] writers, long bufferTimeoutNanos)
      throws Exception {
    long lastFlush = System.nanoTime();
    if (source == null && input.allFinished()) {
      inputEnded = true; // e.g. a GLOBAL edge leaves subtasks other than 0 without channels
    }
    while (!inputEnded) {
      if (mailbox.hasMail()) {
        mailbox.runAll();
      }
      if (cancelled) {
        return;
      }
      if (inputEnded) {
        break;
      }
      if (!available(writers)) {
        waitForCredit(writers);
        continue;
      }
      InputStatus status = source != null ? source.emitNext() : input.processInput();
      if (status == InputStatus.END_OF_INPUT) {
        inputEnded = true;
      }
      if (status == InputStatus.NOTHING_AVAILABLE) {
        flush(writers);
        lastFlush = System.nanoTime();
        idleWait(input, source != null ? SOURCE_POLL_NANOS : 0);
      } else if (bufferTimeoutNanos > 0) {
        long now = System.nanoTime();
        if (now - lastFlush >= bufferTimeoutNanos) {
          flush(writers);
          lastFlush = now;
        }
      }
    }
  }

  private static boolean available(RecordWriter[] writers) {
    for (RecordWriter w : writers) {
      if (!w.isAvailable()) {
        return false;
      }
    }
    return true;
  }

  private static void flush(RecordWriter[] writers) {
    for (RecordWriter w : writers) {
      w.flush();
    }
  }

  private void waitForCredit(RecordWriter[] writers) {
    long start = System.nanoTime();
    flush(writers);
    waker.prepareToPark();
    if (available(writers) || mailbox.hasMail() || cancelled) {
      waker.cancelPark();
    } else {
      waker.park(100_000_000L);
    }
    metrics.addBackPressuredNanos(System.nanoTime() - start);
  }

  /** Parks until input or mail arrives, at most {@code maxNanos} (0: no limit). */
  private void idleWait(InputProcessor input, long maxNanos) {
    long start = System.nanoTime();
    waker.prepareToPark();
    if (mailbox.hasMail() || cancelled || input.hasData()) {
      waker.cancelPark();
    } else {
      waker.park(maxNanos);
    }
    metrics.addIdleNanos(System.nanoTime() - start);
  }

  /** Task thread: runs mailbox actions (late checkpoint notifications) until the job ends or the task is cancelled. */
  void awaitJobEnd() throws Exception {
    while (!jobFinished && !cancelled) {
      if (mailbox.hasMail()) {
        mailbox.runAll();
        continue;
      }
      waker.prepareToPark();
      if (mailbox.hasMail() || jobFinished || cancelled) {
        waker.cancelPark();
      } else {
        waker.park(0);
      }
    }
  }
}
