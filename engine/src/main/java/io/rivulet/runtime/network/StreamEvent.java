package io.rivulet.runtime.network;

/**
 * Control messages that travel in band with records on every channel kind, so that their order relative to
 * the data is kept per channel.
 */
public sealed interface StreamEvent {

  /** Event time has advanced to {@code timestamp} on this channel. */
  record Watermark(long timestamp) implements StreamEvent {}

  /** The channel's producer is idle (left out of the watermark minimum) or active again. */
  record IdleStatus(boolean idle) implements StreamEvent {}

  /** Everything before it belongs to checkpoint {@code id}; everything after, to the next one. */
  record CheckpointBarrier(long id, long timestamp) implements StreamEvent {}

  /**
   * A sample of end-to-end latency: source subtask {@code sourceSubtask} of vertex {@code sourceVertex} sent it at
   * {@code emitTimeMillis} (wall clock of the source's process). It is not aligned with barriers or watermarks: each
   * task that receives it forwards it at once to one channel of each outgoing edge, and a task with a sink reports
   * it. {@code exchanges} lists the transports it crossed so far, in order, comma separated ("" at the source):
   * {@code LOCAL} (handed over in the process), {@code DIRECT} (gRPC) or {@code DURABLE} (a Kafka topic).
   */
  record LatencyMarker(long emitTimeMillis, int sourceVertex, int sourceSubtask, String exchanges)
      implements StreamEvent {
    /** This marker after one more exchange. */
    public LatencyMarker crossed(String exchange) {
      return new LatencyMarker(emitTimeMillis, sourceVertex, sourceSubtask,
          exchanges.isEmpty() ? exchange : exchanges + "," + exchange);
    }
  }

  /**
   * A channel with a transport of its own (the DURABLE exchange's Kafka reader) failed: the task fails with
   * {@code cause}. Produced inside this process only; never sent over a network channel.
   */
  record ChannelFailure(String channel, Throwable cause) implements StreamEvent {}

  /** The producer finished: nothing follows on this channel. */
  record EndOfPartition() implements StreamEvent {
    public static final EndOfPartition INSTANCE = new EndOfPartition();
  }
}
