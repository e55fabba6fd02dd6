package io.rivulet.runtime.network;

import java.util.ArrayDeque;

/**
 * A channel between two tasks of one JVM: records are handed over as object references in
 * {@link RecordBatch}es, with the same credit semantics as the network path.
 *
 * <p>Credit: the receiver owns the buffers. The channel starts with {@code exclusive} buffers in its free
 * list, which is the producer's credit: the producer can only fill and send a buffer it took from there.
 * When the receiver has consumed a buffer it returns it (credit +1) and wakes the producer if the credit
 * went from 0 to 1. A producer that finds no credit announces its backlog, and the gate lends it a
 * floating buffer from its pool if it has one, or as soon as one is returned. Memory per channel is therefore
 * bounded by exclusive + (shared) floating buffers, whatever the load.
 */
public final class LocalChannel extends InputChannel implements OutputChannel {
  /** Buffers the producer may fill: its credit. Guarded by the gate's lock. */
  private final ArrayDeque<RecordBatch> free = new ArrayDeque<>();
  /** Size of {@link #free}, readable without the lock by the producer's availability check. */
  private volatile int credit;
  /** Producer asked for a floating buffer and none was available. Guarded by the gate's lock. */
  boolean wantsFloating;
  private final TaskWaker producerWaker;
  private final int exclusiveBuffers;

  public LocalChannel(InputGate gate, int index, TaskWaker producerWaker, int exclusiveBuffers, int capacity) {
    super(gate, index);
    this.producerWaker = producerWaker;
    this.exclusiveBuffers = exclusiveBuffers;
    for (int i = 0; i < exclusiveBuffers; i++) {
      free.add(new RecordBatch(capacity));
    }
    credit = exclusiveBuffers;
  }

  // ------------------------------------------------------------------ producer side (producer task thread)

  @Override
  public boolean hasCredit() {
    return credit > 0;
  }

  @Override
  public RecordBatch tryTakeBuffer() {
    synchronized (gate.lock) {
      RecordBatch b = free.poll();
      if (b != null) {
        credit = free.size();
        return b;
      }
      b = gate.lendFloating();
      if (b != null) {
        return b;
      }
      if (!wantsFloating) {
        wantsFloating = true;
        gate.waitingForFloating.add(this);
      }
      return null;
    }
  }

  @Override
  public void send(RecordBatch batch) {
    gate.enqueue(this, batch);
  }

  @Override
  public void sendEvent(StreamEvent event) {
    gate.enqueue(this, event);
  }

  @Override
  public TaskWaker producerWaker() {
    return producerWaker;
  }

  // ------------------------------------------------------------------ receiver side (under the gate's lock)

  /** Returns a consumed buffer: exclusive ones to this channel's free list, floating ones to the gate. */
  @Override
  protected void recycle(RecordBatch batch) {
    batch.clear();
    LocalChannel toWake = null;
    synchronized (gate.lock) {
      if (batch.floating) {
        toWake = gate.returnFloating(batch);
      } else {
        free.add(batch);
        credit = free.size();
        if (credit == 1) { // credit went 0 -> 1: the producer may be waiting for it
          toWake = this;
        }
      }
    }
    if (toWake != null) {
      toWake.producerWaker.wakeUp();
    }
  }

  /** The gate lends this channel a floating buffer (under the gate's lock). */
  void receiveFloating(RecordBatch batch) {
    batch.floating = true;
    free.add(batch);
    credit = free.size();
    wantsFloating = false;
  }

  /** Credit currently held by the producer (for tests and metrics). */
  public int credit() {
    return credit;
  }

  // ------------------------------------------------------------------ metrics (reporter threads)

  @Override
  public int availableCredit() {
    return credit;
  }

  @Override
  public int queuedBuffers() {
    synchronized (gate.lock) {
      return queue.size();
    }
  }

  int exclusiveBuffers() {
    return exclusiveBuffers;
  }

  /** Exclusive buffers not in the free list: being filled, queued, or being consumed. Under the gate's lock. */
  int exclusiveBuffersInUse() {
    int free = 0;
    for (RecordBatch b : this.free) {
      if (!b.floating) {
        free++;
      }
    }
    return exclusiveBuffers - free;
  }
}
