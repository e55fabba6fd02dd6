package io.rivulet.runtime.metrics;

import io.rivulet.runtime.tasks.StreamTask;

/**
 * Told when a process starts and ends running a task, so that a metrics reporter can bind to the task's counters
 * ({@link StreamTask#recordsIn()}, {@link StreamTask#bytesOut()} ...) while it runs. The engine calls it once per
 * task, never per record; an implementation must not block.
 */
public interface TaskObserver {
  /** Observes nothing. */
  TaskObserver NONE = new TaskObserver() {
    @Override
    public void taskDeployed(StreamTask task) {}

    @Override
    public void taskEnded(StreamTask task) {}
  };

  /** The task is wired (all its channels connected) and its thread is about to start. Deploying thread. */
  void taskDeployed(StreamTask task);

  /** The task's thread ended, whatever the reason. Called on that thread. */
  void taskEnded(StreamTask task);
}
