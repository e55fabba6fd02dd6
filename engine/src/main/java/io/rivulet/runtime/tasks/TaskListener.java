package io.rivulet.runtime.tasks;

/** What a task reports about itself to whoever deployed it (the local executor or the task runtime). */
public interface TaskListener {
  /** Operators are open; records flow. */
  void onRunning(StreamTask task);

  /** All input processed and end of partition sent; the task waits for the job's end to commit and close. */
  void onFinished(StreamTask task);

  /** The task failed (not called for cancellation). */
  void onFailed(StreamTask task, Throwable error);

  /** The task thread ended, whatever the reason. */
  void onTerminated(StreamTask task);
}
