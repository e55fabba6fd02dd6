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

  /** A consumer task was deployed with this input channel. */
  public void expect(ChannelKey key, RemoteInputChannel channel) {
    Open open;
    synchronized (this) {
      open = pending.remove(key);
      if (open == null) {
        expected.put(key, channel);
        return;
      }
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
    }
    stream.bind(handle, channel);
  }

  /** Forgets channels of a job attempt that was cancelled or ended. */
  public synchronized void removeAttempt(String jobId, int attempt) {
    expected.keySet().removeIf(k -> k.jobId().equals(jobId) && k.attempt() == attempt);
    pending.keySet().removeIf(k -> k.jobId().equals(jobId) && k.attempt() == attempt);
  }

  public synchronized int waiting() {
    return expected.size() + pending.size();
  }
}
