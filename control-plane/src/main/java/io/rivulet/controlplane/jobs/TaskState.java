package io.rivulet.controlplane.jobs;

/** A subtask's lifecycle, with the names of Flink's {@code ExecutionState}. */
public enum TaskState {
  CREATED,
  SCHEDULED,
  DEPLOYING,
  INITIALIZING,
  RUNNING,
  FINISHED,
  CANCELING,
  CANCELED,
  FAILED,
  RECONCILING;

  /** The engine's task state name (io.rivulet.runtime.tasks.StreamTask.State) in Flink's terms. */
  public static TaskState ofEngine(String name) {
    try {
      return valueOf(name);
    } catch (IllegalArgumentException e) {
      return CREATED; // a state the engine added later: shown as not yet running rather than failing the view
    }
  }
}
