package io.rivulet.controlplane.jobs;

import io.rivulet.api.config.JobConfig;

/**
 * Settings the control plane gives every job before the job's own: where checkpoints go (so that their paths
 * are stable and shown in the checkpoint statistics).
 */
public record JobDefaults(String checkpointDirectory) {
  public JobConfig newConfig() {
    return new JobConfig().checkpointDirectory(checkpointDirectory);
  }
}
