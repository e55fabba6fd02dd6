package io.rivulet.api.connector;

import java.io.Serializable;

/** A parallel sink: each subtask writes through its own {@link SinkWriter}. */
public interface Sink<T> extends Serializable {
  SinkWriter<T> createWriter(SinkContext context) throws Exception;

  default String name() {
    return getClass().getSimpleName();
  }
}
