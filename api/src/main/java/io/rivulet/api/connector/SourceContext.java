package io.rivulet.api.connector;

/** What a source reader learns about its subtask. */
public interface SourceContext {
  int subtaskIndex();

  int parallelism();

  int attemptNumber();

  long currentProcessingTime();

  ClassLoader userClassLoader();

  /**
   * Wakes the task after {@link SourceReader#pollNext} returned {@link InputStatus#NOTHING_AVAILABLE};
   * safe to call from any thread (e.g. a reader's fetch thread).
   */
  void signalAvailable();

  /** Where the reader reports its lag; a reader that knows nothing to report ignores it. */
  default SourceReaderMetrics metrics() {
    return SourceReaderMetrics.NONE;
  }
}
