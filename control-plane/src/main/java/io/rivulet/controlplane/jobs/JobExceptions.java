package io.rivulet.controlplane.jobs;

import java.util.List;

/**
 * What went wrong in a job.
 *
 * @param root the failure that ended the job or, while it runs, the latest one; null when none happened
 * @param history all recorded failures, newest first
 * @param truncated true when older failures were dropped
 */
public record JobExceptions(FailureInfo root, List<FailureInfo> history, boolean truncated) {
  public JobExceptions {
    history = List.copyOf(history);
  }
}
