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
}
