package io.rivulet.runtime.network;

import java.util.ArrayDeque;

/**
 * Counts the floating buffers of one input gate that remote channels may borrow when their sender reports a
 * backlog. Remote buffers are byte arrays allocated by the transport, so the pool tracks permits rather than
 * arrays; what it bounds is how many buffers the gate's channels may have granted in total. Thread-safe.
 */
public final class FloatingBufferPool {
  private final int capacity;
  private int available;
  /** Channels that wanted a floating buffer when none was left, served first-come first-served. */
  private final ArrayDeque<InputCredit> waiting = new ArrayDeque<>();

  public FloatingBufferPool(int buffers) {
    this.capacity = buffers;
    this.available = buffers;
  }

  /** Buffers the pool started with. */
  public int capacity() {
    return capacity;
  }

  /** Takes up to {@code n} buffers; returns how many it got. */
  synchronized int tryAcquire(int n, InputCredit requester) {
    int got = Math.min(n, available);
    available -= got;
    if (got < n && !waiting.contains(requester)) {
      waiting.add(requester);
    }
    return got;
  }

  /**
   * Returns a buffer; if a channel is waiting for one it is handed over directly and that channel is
   * returned (its new credit must then be announced), else null.
   */
  InputCredit release() {
    InputCredit next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        available++;
        return null;
      }
    }
    return next.receiveFloating() ? next : null;
  }

  public synchronized int available() {
    return available;
  }
}
