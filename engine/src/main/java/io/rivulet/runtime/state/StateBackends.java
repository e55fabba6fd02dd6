package io.rivulet.runtime.state;

import io.rivulet.api.JobConfig;
import io.rivulet.api.serialization.TypeSerializer;

/** Placeholder until the heap and RocksDB backends land (branch 'state'); replaced on merge. */
public final class StateBackends implements StateBackendFactory {
  @Override
  public <K> KeyedStateBackend<K> create(JobConfig config, String operatorId, TypeSerializer<K> keySerializer,
      KeyGroupRange keyGroups, int maxParallelism, ClassLoader userClassLoader) {
    throw new UnsupportedOperationException("keyed state backends are not built yet");
  }
}
