package io.rivulet.runtime.network.grpc;

import io.rivulet.runtime.network.RemoteInputChannel;
import java.util.HashMap;
import java.util.Map;

/**
 * Matches the channels that consumer tasks of this runtime expect with the channels producers open on
 * incoming streams; whichever comes first waits for the other. A channel is opened (initial credit granted)
 * only once both sides are known, so a producer never sends to a task that is not deployed yet.
 * Thread-safe.
 */
public final class ChannelRegistry {
  private record Open(InboundStream stream, int handle) {}

  private final Map<ChannelKey, RemoteInputChannel> expected = new HashMap<>();
  private final Map<ChannelKey, Open> pending = new HashMap<>();
  /** Channels matched and routed by a stream, until their attempt is removed. */
  private final Map<ChannelKey, Open> bound = new HashMap<>();

  /** A consumer task was deployed with this input channel. */
  public void expect(ChannelKey key, RemoteInputChannel channel) {
    Open open;
    synchronized (this) {
      open = pending.remove(key);
      if (open == null) {
        expected.put(key, channel);
        return;
      }
      bound.put(key, open);
    }
    open.stream.bind(open.handle, channel);
  }

  /** A producer opened this channel on {@code stream}. */
  void onOpen(ChannelKey key, InboundStream stream, int handle) {
    RemoteInputChannel channel;
    synchronized (this) {
      channel = expected.remove(key);
      if (channel == null) {
        pending.put(key, new Open(stream, handle));
        return;
      }
      bound.put(key, new Open(stream, handle));
    }
    stream.bind(handle, channel);
  }

  /**
   * Forgets channels of a job attempt that was cancelled or ended: those still waiting for their other side,
   * and those bound to a stream, which stops routing (and drops) what still arrives for them.
   */
  public void removeAttempt(String jobId, int attempt) {
    java.util.List<Open> unbind = new java.util.ArrayList<>();
    synchronized (this) {
      expected.keySet().removeIf(k -> k.jobId().equals(jobId) && k.attempt() == attempt);
      pending.keySet().removeIf(k -> k.jobId().equals(jobId) && k.attempt() == attempt);
      bound.entrySet().removeIf(e -> {
        boolean match = e.getKey().jobId().equals(jobId) && e.getKey().attempt() == attempt;
        if (match) {
          unbind.add(e.getValue());
        }
        return match;
      });
    }
    for (Open o : unbind) {
      o.stream.unbind(o.handle);
    }
  }

  /** Channels waiting for their other side. */
  public synchronized int waiting() {
    return expected.size() + pending.size();
  }

  /** Channels open on a stream. */
  public synchronized int bound() {
    return bound.size();
  }
}
