package io.rivulet.runtime.deploy;

import io.rivulet.runtime.network.grpc.ChannelRegistry;

/**
 * The channels one job attempt has in this runtime, as wired by {@link ClusterWiring}. Owned by whoever deployed
 * the attempt, which calls {@link #release()} when the attempt is cancelled or has ended, so that the
 * registry forgets channels still waiting for their other side.
 */
public final class AttemptChannels {
  private final ChannelRegistry registry;
  private final String jobId;
  private final int attempt;
  private final int local;
  private final int remoteOut;
  private final int remoteIn;

  AttemptChannels(ChannelRegistry registry, String jobId, int attempt, int local, int remoteOut, int remoteIn) {
    this.registry = registry;
    this.jobId = jobId;
    this.attempt = attempt;
    this.local = local;
    this.remoteOut = remoteOut;
    this.remoteIn = remoteIn;
  }

  /** Channels with both ends in this runtime. */
  public int localChannels() {
    return local;
  }

  /** Channels from a task here to a task in another runtime. */
  public int remoteOutputChannels() {
    return remoteOut;
  }

  /** Channels from a task in another runtime to a task here. */
  public int remoteInputChannels() {
    return remoteIn;
  }

  /** Forgets this attempt's channels in the registry; idempotent. */
  public void release() {
    registry.removeAttempt(jobId, attempt);
  }

  @Override
  public String toString() {
    return "job " + jobId + " attempt " + attempt + ": " + local + " local, " + remoteOut + " remote out, "
        + remoteIn + " remote in";
  }
}
