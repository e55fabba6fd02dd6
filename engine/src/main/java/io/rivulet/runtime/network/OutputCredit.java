package io.rivulet.runtime.network;

import java.util.ArrayDeque;

/**
 * Sender-side credit accounting of one remote output channel (plain Java, no transport): a FIFO of
 * serialized buffers and events, the credit the receiver announced, and what may be sent now. A data buffer
 * leaves only against one credit; an event needs none but never overtakes data queued before it. Nothing is
 * sent before the receiver's first credit (the channel is not open on the other side until then).
 * Thread-safe: the producing task thread enqueues, the network thread drains and adds credit.
 */
public final class OutputCredit {
  private final ArrayDeque<NetworkBuffer> queue = new ArrayDeque<>();
  private int credit;
  private int queuedData;
  private boolean open;
  /** The backlog was announced while at zero credit; reset by the next credit. */
  private boolean backlogAnnounced;

  public synchronized void enqueue(NetworkBuffer buffer) {
    queue.add(buffer);
    if (!buffer.event()) {
      queuedData++;
    }
  }

  /** The receiver granted {@code n} more buffers (the first grant opens the channel). */
  public synchronized void addCredit(int n) {
    credit += n;
    open = true;
    backlogAnnounced = false;
  }

  /**
   * The backlog to announce now, or 0: data waits, there is no credit to send it (so no data buffer will
   * carry the backlog), and it was not announced since the last credit.
   */
  public synchronized int backlogToAnnounce() {
    if (open && credit == 0 && queuedData > 0 && !backlogAnnounced) {
      backlogAnnounced = true;
      return queuedData;
    }
    return 0;
  }

  /** The next buffer that may go out now, or null (no credit for the data buffer at the head, or empty). */
  public synchronized NetworkBuffer pollSendable() {
    NetworkBuffer head = queue.peek();
    if (head == null || !open) {
      return null;
    }
    if (!head.event()) {
      if (credit == 0) {
        return null;
      }
      credit--;
      queuedData--;
    }
    return queue.poll();
  }

  /** Data buffers queued behind the ones already sent: the backlog reported to the receiver. */
  public synchronized int backlog() {
    return queuedData;
  }

  public synchronized int credit() {
    return credit;
  }

  public synchronized int queued() {
    return queue.size();
  }
}
