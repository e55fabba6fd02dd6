package io.rivulet.api.connector;

/**
 * Writes one subtask's records. For exactly-once delivery a writer stages what it wrote since the last
 * checkpoint, names the staged work in {@link #snapshotState}, and makes it visible only in
 * {@link #notifyCheckpointComplete} (two-phase commit). On restore it gets that state back and must
 * finish (commit) what the completed checkpoint covered.
 */
public interface SinkWriter<T> extends AutoCloseable {
  /**
   * The checkpoint id passed to {@link #notifyCheckpointComplete} once every task of the job has finished:
   * commit what {@link #finish} staged.
   */
  long END_OF_INPUT = Long.MAX_VALUE;

  void write(T value, long timestamp) throws Exception;

  /**
   * Called at the end of input. Stage what is left; it becomes visible in
   * {@code notifyCheckpointComplete(END_OF_INPUT)}, which comes only when the whole job finished, so that a
   * failure elsewhere after this point cannot make the restarted job's output appear twice.
   */
  default void finish() throws Exception {}

  /** Called when a checkpoint barrier passes: everything before it has been written. */
  default byte[] snapshotState(long checkpointId) throws Exception {
    return null;
  }

  default void restoreState(byte[] state) throws Exception {}

  default void notifyCheckpointComplete(long checkpointId) throws Exception {}

  default void notifyCheckpointAborted(long checkpointId) throws Exception {}

  @Override
  default void close() throws Exception {}
}
