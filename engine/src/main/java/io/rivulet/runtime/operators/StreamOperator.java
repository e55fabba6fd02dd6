package io.rivulet.runtime.operators;

/**
 * One step of a chain, run by the task thread. Lifecycle: {@link #setup} → {@link #initializeState} →
 * {@link #open} → (records, watermarks, timers, snapshots)* → {@link #finish} at the end of input →
 * {@link #close} (always, also after failure or cancellation).
 */
public interface StreamOperator<OUT> {

  void setup(OperatorContext context, Output<OUT> output);

  /** Creates or restores state (from {@code context.restoredState()} when restoring). */
  void initializeState() throws Exception;

  void open() throws Exception;

  /** The combined watermark of all inputs advanced to {@code watermark}. */
  void processWatermark(long watermark) throws Exception;

  /**
   * All inputs are idle ({@code true}) or one became active again ({@code false}). Operators forward it;
   * the watermark does not advance while idle.
   */
  default void processIdle(boolean idle) throws Exception {}

  /** End of all input: emit what is still pending (e.g. fire all event-time windows). */
  void finish() throws Exception;

  /** Releases resources; also called after failure, without {@link #finish}. */
  void close() throws Exception;

  /**
   * The synchronous part of a checkpoint, called when the barrier has arrived on all inputs and before it
   * is forwarded. Fast: copy or freeze what must be written and return; the writing happens later on
   * another thread through the returned snapshot.
   */
  OperatorSnapshot snapshotState(long checkpointId) throws Exception;

  /** The checkpoint completed everywhere: commit external side effects. */
  default void notifyCheckpointComplete(long checkpointId) throws Exception {}

  default void notifyCheckpointAborted(long checkpointId) throws Exception {}
}
