package io.rivulet.runtime.deploy;

import io.rivulet.runtime.network.grpc.DataExchange;

/**
 * The channels one job attempt has in this runtime, as wired by {@link ClusterWiring}. Owned by whoever deployed
 * the attempt, which calls {@link #release()} when the attempt is cancelled or has ended, so that the data
 * exchange forgets its channels: those still waiting for their other side, and the open ones on both ends.
 */
public final class AttemptChannels {
  private final DataExchange exchange;
  private final String jobId;
  private final int attempt;
  private final int local;
  private final int remoteOut;
  private final int remoteIn;

  AttemptChannels(DataExchange exchange, String jobId, int attempt, int local, int remoteOut, int remoteIn) {
    this.exchange = exchange;
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

  /** Forgets this attempt's channels in the data exchange; idempotent. */
  public void release() {
    if (exchange != null) { // null: a runtime alone in its cluster, with local channels only
      exchange.releaseAttempt(jobId, attempt);
    }
  }

  @Override
  public String toString() {
    return "job " + jobId + " attempt " + attempt + ": " + local + " local, " + remoteOut + " remote out, "
        + remoteIn + " remote in";
  }
}
