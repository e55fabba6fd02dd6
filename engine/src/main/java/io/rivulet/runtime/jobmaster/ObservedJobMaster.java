package io.rivulet.runtime.jobmaster;

import io.rivulet.runtime.checkpoint.CheckpointCoordinator;
import io.rivulet.runtime.metrics.ObservedJob;

/** A job master as metrics reporters see it: identity, checkpoint counts and restarts, all readable anywhere. */
final class ObservedJobMaster implements ObservedJob {
  private final JobMaster master;

  ObservedJobMaster(JobMaster master) {
    this.master = master;
  }

  @Override
  public String jobId() {
    return master.jobId();
  }

  @Override
  public String jobName() {
    return master.graph().jobName();
  }

  @Override
  public void addCheckpointListener(CheckpointCoordinator.Listener listener) {
    master.coordinator().addListener(listener);
  }

  @Override
  public long completedCheckpoints() {
    return master.coordinator().completedCount();
  }

  @Override
  public long failedCheckpoints() {
    return master.coordinator().abortedCount();
  }

  @Override
  public int restarts() {
    return master.restarts();
  }
}
