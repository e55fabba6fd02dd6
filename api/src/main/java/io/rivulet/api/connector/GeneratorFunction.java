package io.rivulet.api.connector;

import java.io.Serializable;

/** Makes the record with a given index (0, 1, 2, ...) for {@link GeneratorSource}. Must be deterministic. */
@FunctionalInterface
public interface GeneratorFunction<T> extends Serializable {
  T generate(long index) throws Exception;
}
