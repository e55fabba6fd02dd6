package io.rivulet.runtime.network;

/**
 * The producing end of one logical channel, used by the producer's task thread only. A buffer may be
 * filled and sent only after it was obtained against credit with {@link #tryTakeBuffer()}.
 */
public interface OutputChannel {
  /** True when {@link #tryTakeBuffer()} would succeed without borrowing. */
  boolean hasCredit();

  /** A free buffer to fill, or null when there is no credit (the backlog is announced to the receiver). */
  RecordBatch tryTakeBuffer();

  void send(RecordBatch batch);

  /** Events need no credit; they queue behind the data sent before them. */
  void sendEvent(StreamEvent event);

  /** Sends what the channel holds back below a full buffer (serializing channels accumulate bytes). */
  default void flush() {}

  /** The waker the receiver uses when credit comes back. */
  TaskWaker producerWaker();

  // ---- metrics: read by reporters on other threads, possibly stale; never on the hot path

  /** Serialized bytes this channel sent (0 for channels that hand over objects). */
  default long bytesSent() {
    return 0;
  }

  /** Buffers and events sent on this channel that its receiver has not taken yet. */
  default int queuedBuffers() {
    return 0;
  }

  /** Buffers the receiver granted and the producer has not used yet: 0 means the producer must wait. */
  default int availableCredit() {
    return hasCredit() ? 1 : 0;
  }
}
