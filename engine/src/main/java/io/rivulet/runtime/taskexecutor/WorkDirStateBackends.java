package io.rivulet.runtime.taskexecutor;

import io.rivulet.api.config.JobConfig;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.state.StateBackendFactory;
import io.rivulet.runtime.state.backends.StateBackends;
import java.nio.file.Path;

/**
 * The engine's backends, with RocksDB instances under this runtime's work directory unless the job names its
 * own directory (a pod's work directory is its local volume; the system temporary directory may be small).
 */
final class WorkDirStateBackends implements StateBackendFactory {
  private final Path rocksDbDirectory;

  WorkDirStateBackends(Path rocksDbDirectory) {
    this.rocksDbDirectory = rocksDbDirectory;
  }

  @Override
  public <K> KeyedStateBackend<K> create(JobConfig config, String operatorId, TypeSerializer<K> keySerializer,
      KeyGroupRange keyGroups, int maxParallelism, ClassLoader userClassLoader) throws Exception {
    JobConfig effective = config.rocksDbDirectory() != null ? config
        : config.copy().rocksDbDirectory(rocksDbDirectory.toString());
    return StateBackends.INSTANCE.create(effective, operatorId, keySerializer, keyGroups, maxParallelism,
        userClassLoader);
  }
}
