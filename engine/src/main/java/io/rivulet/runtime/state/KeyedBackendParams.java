package io.rivulet.runtime.state;

import io.rivulet.api.serialization.TypeSerializer;
import java.util.Objects;

/**
 * What every keyed state backend is created with.
 *
 * @param keySerializer serializer of the operator's keys; keys must be immutable and have stable hash codes
 * @param keyGroups the key groups this subtask owns
 * @param maxParallelism the number of key groups of the job
 * @param classLoader loads the serializer snapshots of restored state
 */
public record KeyedBackendParams<K>(TypeSerializer<K> keySerializer, KeyGroupRange keyGroups, int maxParallelism,
    ClassLoader classLoader) {
  public KeyedBackendParams {
    Objects.requireNonNull(keySerializer, "key serializer");
    Objects.requireNonNull(keyGroups, "key group range");
    if (maxParallelism < 1) {
      throw new IllegalArgumentException("max parallelism must be at least 1, was " + maxParallelism);
    }
    if (keyGroups.size() > 0 && (keyGroups.start() < 0 || keyGroups.end() >= maxParallelism)) {
      throw new IllegalArgumentException("key groups " + keyGroups + " outside [0, " + maxParallelism + ")");
    }
    if (classLoader == null) {
      classLoader = KeyedBackendParams.class.getClassLoader();
    }
  }

  public static <K> KeyedBackendParams<K> of(TypeSerializer<K> keySerializer, KeyGroupRange keyGroups,
      int maxParallelism) {
    return new KeyedBackendParams<>(keySerializer, keyGroups, maxParallelism, null);
  }
}
