package io.rivulet.controlplane.jobs;

/** A job's lifecycle, with Apache Flink's names so that Flink tooling reads them. */
public enum JobState {
  CREATED,
  RUNNING,
  RESTARTING,
  CANCELLING,
  FINISHED,
  CANCELED,
  FAILED;

  /** True when the job will not change state any more. */
  public boolean isTerminal() {
    return this == FINISHED || this == CANCELED || this == FAILED;
  }
}
