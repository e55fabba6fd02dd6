package io.rivulet.api;

/** A job failed for good: its restart strategy gave up. The cause is the last task failure. */
public class JobExecutionException extends Exception {
  private final String jobId;

  public JobExecutionException(String jobId, String message, Throwable cause) {
    super(message, cause);
    this.jobId = jobId;
  }

  public String jobId() {
    return jobId;
  }
}
