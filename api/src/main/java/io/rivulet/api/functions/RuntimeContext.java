package io.rivulet.api.functions;

import io.rivulet.api.state.KeyedStateStore;

/** What a function learns about the subtask running it, passed to {@link UserFunction#open}. */
public interface RuntimeContext {
  String jobName();

  String taskName();

  int subtaskIndex();

  int parallelism();

  int maxParallelism();

  /** 0 for the first run, incremented on every restart. */
  int attemptNumber();

  ClassLoader userClassLoader();

  /**
   * Keyed state for the current key; available in functions applied to a {@code KeyedStream}.
   *
   * @throws IllegalStateException on a non-keyed stream
   */
  KeyedStateStore state();
}
