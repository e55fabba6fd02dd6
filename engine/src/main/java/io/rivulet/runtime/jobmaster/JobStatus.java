package io.rivulet.runtime.jobmaster;

/** A distributed job's lifecycle, with Apache Flink's names. */
public enum JobStatus {
  CREATED,
  RUNNING,
  RESTARTING,
  CANCELLING,
  FINISHED,
  CANCELED,
  FAILED;

  public boolean isTerminal() {
    return this == FINISHED || this == CANCELED || this == FAILED;
  }
}
