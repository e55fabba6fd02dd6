package io.rivulet.runtime.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rivulet.api.config.JobConfig;
import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;
import io.rivulet.runtime.state.ByteStateHandle;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.KeyGroupsStateHandle;
import io.rivulet.runtime.state.KeyedBackendParams;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.state.KeyedStateSnapshot;
import io.rivulet.runtime.state.VoidNamespace;
import io.rivulet.runtime.state.backends.StateBackends;
import io.rivulet.runtime.state.heap.HeapKeyedStateBackend;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the RocksDB backend has: a working directory and native handles shared with snapshot writes. */
class RocksDbBackendTest {
  @TempDir
  Path dir;

  static final ValueStateDescriptor<Long> VALUE = new ValueStateDescriptor<>("value", Types.LONG);

  private RocksDbKeyedStateBackend<String> open() throws Exception {
    return RocksDbKeyedStateBackend.open(KeyedBackendParams.of(Types.STRING, new KeyGroupRange(0, 127), 128), dir,
        "window/op#1");
  }

  private static ValueState<Long> value(KeyedStateBackend<String> b) {
    ValueState<Long> v = b.getOrCreateState(VALUE, VoidNamespace.Serializer.INSTANCE);
    ((io.rivulet.runtime.state.InternalKvState<VoidNamespace>) v).setCurrentNamespace(VoidNamespace.INSTANCE);
    return v;
  }

  @Test
  void worksInADirectoryOfItsOwnAndDeletesItOnClose() throws Exception {
    RocksDbKeyedStateBackend<String> b = open();
    Path own = b.directory();
    assertThat(own.getParent()).isEqualTo(dir);
    assertThat(own.getFileName().toString()).startsWith("rocksdb-window_op_1-");
    b.setCurrentKey("k");
    value(b).update(1L);
    assertThat(Files.list(own)).isNotEmpty();
    b.close();
    assertThat(own).doesNotExist();
    b.close(); // idempotent
  }

  @Test
  void factoryPicksTheBackendFromTheJobConfig() throws Exception {
    JobConfig config = new JobConfig().rocksDbDirectory(dir.toString());
    try (KeyedStateBackend<String> heap = StateBackends.INSTANCE.create(config, "op", Types.STRING,
        new KeyGroupRange(0, 127), 128, null)) {
      assertThat(heap).isInstanceOf(HeapKeyedStateBackend.class);
    }
    config.stateBackend(StateBackendKind.ROCKSDB);
    try (KeyedStateBackend<String> rocks = StateBackends.INSTANCE.create(config, "op", Types.STRING,
        new KeyGroupRange(0, 127), 128, null)) {
      assertThat(rocks).isInstanceOf(RocksDbKeyedStateBackend.class);
      assertThat(((RocksDbKeyedStateBackend<String>) rocks).directory()).startsWith(dir);
    }
  }

  @Test
  void closeWaitsForASnapshotThatIsStillToBeWritten() throws Exception {
    RocksDbKeyedStateBackend<String> b = open();
    b.setCurrentKey("k");
    value(b).update(42L);
    KeyedStateSnapshot snapshot = b.snapshot(1);

    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread closer = new Thread(() -> {
      try {
        b.close();
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "closer");
    closer.start();
    await().atMost(Duration.ofSeconds(120)).until(() -> closer.getState() == Thread.State.WAITING);
    assertThat(b.directory()).exists();

    // the checkpoint I/O thread can still write: the database is open until the snapshot is released
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long[] offsets = snapshot.write(out);
    closer.join(120_000);
    assertThat(closer.isAlive()).isFalse();
    assertThat(failure.get()).isNull();
    assertThat(b.directory()).doesNotExist();

    KeyedStateBackend<String> heap = new HeapKeyedStateBackend<>(
        KeyedBackendParams.of(Types.STRING, new KeyGroupRange(0, 127), 128));
    heap.restore(List.of(new KeyGroupsStateHandle(new ByteStateHandle(out.toByteArray()), new KeyGroupRange(0, 127),
        offsets)));
    heap.setCurrentKey("k");
    assertThat(value(heap).value()).isEqualTo(42L);
  }

  @Test
  void stateUsedAfterCloseFailsInsteadOfCrashing() throws Exception {
    RocksDbKeyedStateBackend<String> b = open();
    ValueState<Long> v = value(b);
    b.setCurrentKey("k");
    v.update(1L);
    b.close();
    assertThatThrownBy(v::value).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> b.snapshot(1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aReleasedSnapshotDoesNotHoldUpClose() throws Exception {
    RocksDbKeyedStateBackend<String> b = open();
    b.snapshot(1).release();
    KeyedStateSnapshot written = b.snapshot(2);
    written.write(new ByteArrayOutputStream()); // releases itself once written
    b.close();
    assertThat(b.directory()).doesNotExist();
  }
}
