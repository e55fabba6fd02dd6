package io.rivulet.runtime.network;

/**
 * Receiver-side credit accounting of one remote input channel (plain Java, no transport). The receiver
 * owns the buffers: {@code exclusive} of its own plus floating ones borrowed from the gate's pool while the
 * sender has a backlog. Credit is announced to the sender only when the unannounced count goes from 0 to n,
 * and the caller then sends {@link #takeAnnouncement()} in one message. Every method returns whether an
 * announcement must now be sent.
 *
 * <p>Counts (guarded by {@code this}; called from the network thread and the consuming task thread):
 * buffers granted to the sender = {@code senderCredit} (announced, not yet used) + {@code unannounced} +
 * {@code inReceiver} (arrived, not yet consumed); they never exceed exclusive + floatingHeld.
 */
public final class InputCredit {
  private final int exclusive;
  private final FloatingBufferPool floating;
  private int floatingHeld;
  private int unannounced;
  private int senderCredit;
  private int inReceiver;
  private int senderBacklog;
  /** The channel this accounting belongs to (so that the pool can tell whose credit to announce). */
  private RemoteInputChannel owner;

  public InputCredit(int exclusive, FloatingBufferPool floating) {
    if (exclusive < 1) {
      throw new IllegalArgumentException("a channel needs at least one exclusive buffer");
    }
    this.exclusive = exclusive;
    this.floating = floating;
  }

  void setOwner(RemoteInputChannel owner) {
    this.owner = owner;
  }

  RemoteInputChannel owner() {
    return owner;
  }

  /** The gate's pool this channel borrows floating buffers from, or null. */
  FloatingBufferPool pool() {
    return floating;
  }

  /** The channel opened: all exclusive buffers become the initial credit. */
  public synchronized boolean open() {
    return grant(exclusive);
  }

  /** A data buffer arrived; {@code backlog} is how many more the sender has queued behind it. */
  public synchronized boolean onBuffer(int backlog) {
    if (senderCredit <= 0) {
      throw new IllegalStateException("protocol violation: a data buffer arrived without credit");
    }
    senderCredit--;
    inReceiver++;
    senderBacklog = backlog;
    return requestFloatingIfNeeded();
  }

  /** The sender announced a backlog while it had no credit. */
  public synchronized boolean onBacklog(int backlog) {
    senderBacklog = backlog;
    return requestFloatingIfNeeded();
  }

  /**
   * The consumer is done with a buffer: its slot goes back to the sender as credit, unless it was a
   * floating buffer no longer needed (no backlog), which goes back to the gate's pool.
   *
   * @return the channel whose credit must be announced (this, or another that got the floating buffer), or null
   */
  public InputCredit onRecycled() {
    boolean releaseFloating;
    synchronized (this) {
      inReceiver--;
      releaseFloating = floatingHeld > 0 && senderBacklog == 0
          && senderCredit + unannounced + inReceiver >= exclusive;
      if (releaseFloating) {
        floatingHeld--;
      } else {
        return grant(1) ? this : null;
      }
    }
    return floating == null ? null : floating.release();
  }

  /** Called by the pool when a floating buffer this channel waited for is handed over. */
  synchronized boolean receiveFloating() {
    floatingHeld++;
    return grant(1);
  }

  /** The credit to send now; resets the unannounced count. */
  public synchronized int takeAnnouncement() {
    int n = unannounced;
    unannounced = 0;
    senderCredit += n;
    return n;
  }

  private boolean requestFloatingIfNeeded() {
    int covered = senderCredit + unannounced;
    int needed = senderBacklog - covered;
    if (needed <= 0 || floating == null) {
      return false;
    }
    int got = floating.tryAcquire(needed, this);
    floatingHeld += got;
    return got > 0 && grant(got);
  }

  private boolean grant(int n) {
    boolean wasZero = unannounced == 0;
    unannounced += n;
    return wasZero && n > 0;
  }

  public synchronized int senderCredit() {
    return senderCredit;
  }

  public synchronized int unannounced() {
    return unannounced;
  }

  public synchronized int floatingHeld() {
    return floatingHeld;
  }

  /** Buffers that arrived and were not consumed yet. */
  public synchronized int inReceiver() {
    return inReceiver;
  }

  /** Buffers granted and not yet returned: what this channel holds of the receiver's memory. */
  public synchronized int buffersCommitted() {
    return senderCredit + unannounced + inReceiver;
  }

  public int exclusive() {
    return exclusive;
  }
}
