package io.rivulet.runtime.jobmaster;

/** A subtask's lifecycle as the job master shows it, with the names of Flink's {@code ExecutionState}. */
public enum SubtaskState {
  CREATED,
  SCHEDULED,
  DEPLOYING,
  INITIALIZING,
  RUNNING,
  /** Its input ended; shown as FINISHED while it waits for the job's end to commit and close. */
  FINISHED,
  CANCELING,
  CANCELED,
  FAILED,
  /** Flink's state for a subtask being adopted after a job master fail-over; listed so counts carry every name. */
  RECONCILING;

  public boolean isTerminal() {
    return this == FINISHED || this == CANCELED || this == FAILED;
  }
}
