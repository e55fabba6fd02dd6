package io.rivulet.runtime.jobmaster;

/**
 * The failure that ended a job, as the runtime reported it (the task's exception travels as text: its classes may
 * exist only in the job's class loader on the runtime that ran it).
 */
public final class JobFailure extends RuntimeException {
  private final String remoteStackTrace;

  public JobFailure(String message, String remoteStackTrace) {
    super(message, null, false, false);
    this.remoteStackTrace = remoteStackTrace;
  }

  /** The stack trace as the runtime printed it, or the reason for failures of the job as a whole. */
  public String remoteStackTrace() {
    return remoteStackTrace;
  }

  @Override
  public String toString() {
    return remoteStackTrace == null || remoteStackTrace.isEmpty() ? getMessage() : remoteStackTrace.strip();
  }
}
