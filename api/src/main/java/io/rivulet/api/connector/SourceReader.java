package io.rivulet.api.connector;

/**
 * Reads one subtask's share of a source, driven by the task thread: {@link #pollNext} is called in a
 * loop together with checkpoints and timers, so it must return quickly (emit a batch, then return) and
 * never block waiting for data.
 *
 * <p>Checkpoints: {@link #snapshotState} is called between two {@code pollNext} calls and must describe
 * the position right after the last emitted record, so that a restored reader continues exactly there.
 */
public interface SourceReader<T> extends AutoCloseable {

  /** Emits some records (a few hundred to a few thousand is right) and says what follows. */
  InputStatus pollNext(ReaderOutput<T> output) throws Exception;

  /** The reader's position, or null if it keeps none. */
  byte[] snapshotState(long checkpointId) throws Exception;

  /** Called before the first {@code pollNext} when the job restarts from a checkpoint. */
  void restoreState(byte[] state) throws Exception;

  default void notifyCheckpointComplete(long checkpointId) throws Exception {}

  @Override
  default void close() throws Exception {}
}
