package io.rivulet.runtime.network;

/**
 * A channel end with resources and state of its own, which its task drives: the DURABLE exchange's Kafka
 * producer and reader. The task opens it before its loop (with the state the channel had in the checkpoint
 * being restored), asks it for its state at every checkpoint it takes, and closes it when it ends, whatever
 * the reason. All calls come from the task thread.
 */
public interface ManagedChannel {

  /** Name of this channel's state in its task's snapshot (unique per task), e.g. {@code durable-e3}. */
  String stateKey();

  /** Starts the channel; {@code restored} is its state from the checkpoint being restored, or null. */
  void open(byte[] restored) throws Exception;

  /** State to store with checkpoint {@code checkpointId}, or null if the channel has none. */
  byte[] snapshot(long checkpointId);

  /**
   * Releases the channel's resources. {@code graceful}: the task and the whole job finished, so an output has
   * nothing pending (it makes sure of that when it sends the end of partition, where a failure still fails the
   * task) and may let its client finish in an orderly way; otherwise (cancel, failure) nothing is waited for. The
   * task logs a failure here and keeps its outcome. Idempotent.
   */
  void close(boolean graceful) throws Exception;
}
