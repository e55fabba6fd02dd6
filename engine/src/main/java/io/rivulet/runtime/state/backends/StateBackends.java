package io.rivulet.runtime.state.backends;

import io.rivulet.api.config.JobConfig;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.KeyedBackendParams;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.state.StateBackendFactory;
import io.rivulet.runtime.state.heap.HeapKeyedStateBackend;
import io.rivulet.runtime.state.rocksdb.RocksDbKeyedStateBackend;
import java.nio.file.Path;

/**
 * Creates the backend that {@link JobConfig#stateBackend()} names. RocksDB instances get a new directory
 * under {@link JobConfig#rocksDbDirectory()} (or the system temporary directory), deleted on close.
 */
public final class StateBackends implements StateBackendFactory {
  public static final StateBackends INSTANCE = new StateBackends();

  @Override
  public <K> KeyedStateBackend<K> create(JobConfig config, String operatorId, TypeSerializer<K> keySerializer,
      KeyGroupRange keyGroups, int maxParallelism, ClassLoader userClassLoader) throws Exception {
    KeyedBackendParams<K> params = new KeyedBackendParams<>(keySerializer, keyGroups, maxParallelism,
        userClassLoader);
    return switch (config.stateBackend()) {
      case HEAP -> new HeapKeyedStateBackend<>(params);
      case ROCKSDB -> RocksDbKeyedStateBackend.open(params,
          config.rocksDbDirectory() == null ? null : Path.of(config.rocksDbDirectory()), operatorId);
    };
  }
}
