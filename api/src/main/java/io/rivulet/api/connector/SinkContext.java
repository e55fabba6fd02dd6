package io.rivulet.api.connector;

/** What a sink writer learns about its subtask. */
public interface SinkContext {
  String jobName();

  String jobId();

  int subtaskIndex();

  int parallelism();

  int attemptNumber();

  ClassLoader userClassLoader();
}
