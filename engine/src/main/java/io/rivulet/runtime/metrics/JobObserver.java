package io.rivulet.runtime.metrics;

/**
 * Told when a job starts and ends running under whoever coordinates it (the embedded executor, or a job master in
 * the control plane), so that a metrics reporter can bind to its checkpoint statistics and restarts.
 */
public interface JobObserver {
  /** Observes nothing. */
  JobObserver NONE = new JobObserver() {
    @Override
    public void jobStarted(ObservedJob job) {}

    @Override
    public void jobEnded(String jobId) {}
  };

  void jobStarted(ObservedJob job);

  /** The job reached a final state (finished, failed, cancelled); its meters may go. */
  void jobEnded(String jobId);
}
