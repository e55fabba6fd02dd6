package io.rivulet.runtime.taskexecutor;

/** One attempt (0 first, +1 per restart) of one job. */
public record AttemptKey(String jobId, int attempt) {
  @Override
  public String toString() {
    return jobId + "#" + attempt;
  }
}
