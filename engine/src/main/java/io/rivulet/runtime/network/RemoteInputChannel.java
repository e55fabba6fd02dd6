package io.rivulet.runtime.network;

/**
 * The receiving end of a channel from a task in another runtime. The transport hands in buffers
 * ({@link #onBuffer}, network thread); the task thread decodes them when it polls the gate and returns them
 * when done ({@link #recycle}), which gives credit back and, when the unannounced credit goes from 0 to n,
 * makes the transport announce it.
 */
public final class RemoteInputChannel extends InputChannel {
  /** What the transport does to tell the sender about credit. */
  public interface CreditAnnouncer {
    void announce(RemoteInputChannel channel);
  }

  private final InputCredit credit;
  private final RecordCodec codec;
  private volatile CreditAnnouncer announcer;
  /** Decoding target, reused; task thread only. */
  private RecordBatch decoded = new RecordBatch(64);

  public RemoteInputChannel(InputGate gate, int index, RecordCodec codec, int exclusiveBuffers,
      FloatingBufferPool floating) {
    super(gate, index);
    this.codec = codec;
    this.credit = new InputCredit(exclusiveBuffers, floating);
    this.credit.setOwner(this);
  }

  public InputCredit credit() {
    return credit;
  }

  /** Connects the channel to the transport and grants the initial credit. */
  public void open(CreditAnnouncer announcer) {
    this.announcer = announcer;
    if (credit.open()) {
      announcer.announce(this);
    }
  }

  /** Network thread: a buffer for this channel arrived. */
  public void onBuffer(NetworkBuffer buffer, int backlog) {
    if (!buffer.event() && credit.onBuffer(backlog)) {
      announce(this);
    }
    gate.enqueue(this, buffer);
  }

  /** Network thread: the sender has buffers waiting and no credit. */
  public void onBacklog(int backlog) {
    if (credit.onBacklog(backlog)) {
      announce(this);
    }
  }

  /** Task thread: turns a queued buffer into what the task processes. */
  Object decode(NetworkBuffer buffer) {
    if (buffer.event()) {
      return RecordCodec.decodeEvent(buffer);
    }
    if (decoded.capacity() < buffer.records()) {
      decoded = new RecordBatch(Math.max(buffer.records(), decoded.capacity() * 2));
    }
    codec.decode(buffer, decoded);
    return decoded;
  }

  @Override
  protected void recycle(RecordBatch batch) {
    batch.clear();
    InputCredit toAnnounce = credit.onRecycled();
    if (toAnnounce != null) {
      announce(toAnnounce.owner());
    }
  }

  private static void announce(RemoteInputChannel channel) {
    CreditAnnouncer a = channel.announcer;
    if (a != null) {
      a.announce(channel);
    }
  }
}
