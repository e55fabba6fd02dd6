package io.rivulet.runtime.network;

import java.util.ArrayDeque;

/**
 * The receiving end of one logical channel inside an {@link InputGate}: a FIFO of buffers and events from
 * one producer subtask. All fields are guarded by the gate's lock; they are written by the producing side
 * (a local producer task, or a network thread) and the consuming task thread.
 */
public abstract class InputChannel {
  final InputGate gate;
  /** Position of this channel in its gate (used for alignment and watermarks). */
  final int index;
  final ArrayDeque<Object> queue = new ArrayDeque<>();
  /** In the gate's list of channels with data. */
  boolean listed;
  /** Held back during checkpoint alignment: its data stays queued. */
  boolean blocked;
  /** End of partition was consumed. */
  boolean finished;

  protected InputChannel(InputGate gate, int index) {
    this.gate = gate;
    this.index = index;
  }

  public int index() {
    return index;
  }

  /** The gate this channel feeds (channels with a transport of their own enqueue into it). */
  protected InputGate gate() {
    return gate;
  }

  /** Called by the task thread after it consumed {@code batch} from this channel (under no lock). */
  protected abstract void recycle(RecordBatch batch);
}
