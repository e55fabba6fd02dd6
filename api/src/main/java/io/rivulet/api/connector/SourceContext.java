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
}
