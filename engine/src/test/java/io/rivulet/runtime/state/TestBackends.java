package io.rivulet.runtime.state;

import io.rivulet.api.config.JobConfig;
import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.runtime.state.backends.StateBackends;
import io.rivulet.runtime.state.snapshot.RestoreTarget;
import io.rivulet.runtime.state.snapshot.SnapshotHeader;
import io.rivulet.runtime.state.snapshot.SnapshotReader;
import io.rivulet.runtime.state.snapshot.StateMetaInfo;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Creates real backends of either kind through {@link StateBackends} (RocksDB under a test's temporary
 * directory) and closes them all at the end of the test.
 */
final class TestBackends implements AutoCloseable {
  static final int MAX_PARALLELISM = 128;
  static final KeyGroupRange ALL = new KeyGroupRange(0, MAX_PARALLELISM - 1);
  /** The backends every test runs on; keep in sync with {@link AllBackends}. */
  static final List<StateBackendKind> KINDS = List.of(StateBackendKind.values());

  private final Path dir;
  private final List<KeyedStateBackend<?>> created = new ArrayList<>();
  private int next;

  TestBackends(Path dir) {
    this.dir = dir;
  }

  <K> KeyedStateBackend<K> create(StateBackendKind kind, TypeSerializer<K> keySerializer, KeyGroupRange range)
      throws Exception {
    JobConfig config = new JobConfig().stateBackend(kind).rocksDbDirectory(dir.toString());
    KeyedStateBackend<K> backend = StateBackends.INSTANCE.create(config, "op-" + next++, keySerializer, range,
        MAX_PARALLELISM, getClass().getClassLoader());
    created.add(backend);
    return backend;
  }

  <K> KeyedStateBackend<K> create(StateBackendKind kind, TypeSerializer<K> keySerializer) throws Exception {
    return create(kind, keySerializer, ALL);
  }

  /** Takes a snapshot and writes it completely, the way a checkpoint does (sync part, then write, release). */
  static KeyGroupsStateHandle snapshot(KeyedStateBackend<?> backend) throws Exception {
    KeyedStateSnapshot snapshot = backend.snapshot(1);
    return write(snapshot, backend.keyGroupRange());
  }

  static KeyGroupsStateHandle write(KeyedStateSnapshot snapshot, KeyGroupRange range) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      long[] offsets = snapshot.write(out);
      return new KeyGroupsStateHandle(new ByteStateHandle(out.toByteArray()), range, offsets);
    } finally {
      snapshot.release();
    }
  }

  /** Number of entries per section ("state/name" or "timers/name") per key group, read back from a handle. */
  static Map<String, Map<Integer, Integer>> entriesByKeyGroup(KeyGroupsStateHandle handle) throws Exception {
    Map<String, Map<Integer, Integer>> counts = new TreeMap<>();
    new SnapshotReader().read(handle, handle.range(), TestBackends.class.getClassLoader(), new RestoreTarget() {
      @Override
      public void header(SnapshotHeader header) {}

      @Override
      public void entry(StateMetaInfo state, int keyGroup, byte[] key, int keyLength, byte[] value,
          int valueLength) {
        counts.computeIfAbsent(state.id(), s -> new TreeMap<>()).merge(keyGroup, 1, Integer::sum);
      }
    });
    return counts;
  }

  @Override
  public void close() {
    for (KeyedStateBackend<?> b : created) {
      b.close();
    }
  }
}
