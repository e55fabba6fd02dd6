package io.rivulet.api.connector;

import io.rivulet.api.serialization.TypeSerializer;
import java.io.Serializable;

/**
 * A parallel source. Each subtask creates one {@link SourceReader} and decides from its index and the
 * parallelism which part of the input it reads (fixed assignment: no rebalancing while a job runs).
 */
public interface Source<T> extends Serializable {

  /** The type of the records; null when the caller must declare it with {@code returns(...)}. */
  TypeSerializer<T> outputType();

  boolean isBounded();

  SourceReader<T> createReader(SourceContext context) throws Exception;

  /** A name for the graph and the Web UI. */
  default String name() {
    return getClass().getSimpleName();
  }
}
