package io.rivulet.controlplane.jobs;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One failure of a job, kept as text so that it survives restarts of the control plane.
 *
 * @param taskName the failed subtask, or null when the job failed as a whole (e.g. at submission)
 */
public record FailureInfo(long timestamp, String exceptionName, String message, String stacktrace, String taskName) {
  /** Stack traces beyond this are cut: a deep recursion must not bloat the job store. */
  static final int MAX_STACKTRACE_CHARS = 16 * 1024;

  public static FailureInfo of(long timestamp, Throwable error, String taskName) {
    StringWriter w = new StringWriter();
    error.printStackTrace(new PrintWriter(w));
    String trace = w.toString();
    if (trace.length() > MAX_STACKTRACE_CHARS) {
      trace = trace.substring(0, MAX_STACKTRACE_CHARS) + "\n\t... (cut)";
    }
    return new FailureInfo(timestamp, error.getClass().getName(), error.getMessage(), trace, taskName);
  }

  /** A failure that has no exception behind it, e.g. the control plane went away under a running job. */
  public static FailureInfo reason(long timestamp, String reason) {
    return new FailureInfo(timestamp, "io.rivulet.controlplane.JobLost", reason, "io.rivulet.controlplane.JobLost: " + reason,
        null);
  }
}
