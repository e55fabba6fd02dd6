package io.rivulet.runtime.state;

import io.rivulet.api.config.JobConfig;
import io.rivulet.api.serialization.TypeSerializer;

/** Creates the keyed state backend chosen by the job's configuration. */
public interface StateBackendFactory {
  /**
   * @param operatorId unique within the job and subtask (e.g. operator uid + subtask index), names
   *     the RocksDB directory
   */
  <K> KeyedStateBackend<K> create(JobConfig config, String operatorId, TypeSerializer<K> keySerializer,
      KeyGroupRange keyGroups, int maxParallelism, ClassLoader userClassLoader) throws Exception;
}
