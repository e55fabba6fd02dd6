package io.rivulet.runtime.state.rocksdb;

import io.rivulet.api.serialization.DataInputDeserializer;
import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.TypeSerializerSnapshot;
import io.rivulet.api.state.AggregatingStateDescriptor;
import io.rivulet.api.state.ListStateDescriptor;
import io.rivulet.api.state.MapStateDescriptor;
import io.rivulet.api.state.ReducingStateDescriptor;
import io.rivulet.api.state.State;
import io.rivulet.api.state.StateDescriptor;
import io.rivulet.api.state.ValueStateDescriptor;
import io.rivulet.runtime.state.CurrentKey;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.KeyGroupsStateHandle;
import io.rivulet.runtime.state.KeyedBackendParams;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.state.KeyedStateSnapshot;
import io.rivulet.runtime.state.RegisteredStates;
import io.rivulet.runtime.state.StateAccessException;
import io.rivulet.runtime.state.snapshot.RestoreTarget;
import io.rivulet.runtime.state.snapshot.SectionedSnapshot;
import io.rivulet.runtime.state.snapshot.SerializerCompatibility;
import io.rivulet.runtime.state.snapshot.SnapshotHeader;
import io.rivulet.runtime.state.snapshot.SnapshotReader;
import io.rivulet.runtime.state.snapshot.SnapshotSection;
import io.rivulet.runtime.state.snapshot.StateMetaInfo;
import io.rivulet.runtime.state.snapshot.StateValueEncoding;
import io.rivulet.runtime.state.timers.TimerServiceManager;
import io.rivulet.runtime.timers.InternalTimerService;
import io.rivulet.runtime.timers.ProcessingTimeService;
import io.rivulet.runtime.timers.Triggerable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.StringAppendOperator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Keyed state in an embedded RocksDB instance in a directory of its own: one column family per state, keys
 * {@code keyGroup(2 bytes) ‖ key ‖ namespace [‖ user key]}, values serialized (see
 * {@link io.rivulet.runtime.state.snapshot.KeyedSnapshotFormat} for the byte layout, which is also the
 * snapshot's). Every access serializes the key (cached while unchanged) and (de)serializes the value; state
 * can be larger than memory. Timers stay on the heap ({@link TimerServiceManager}).
 *
 * <p>The task thread owns the backend and its state objects. A snapshot takes a RocksDB snapshot in the
 * synchronous part and iterates it on the checkpoint I/O thread; a {@link ResourceGuard} lease keeps the
 * database open until that snapshot is released. Writes skip RocksDB's write-ahead log: the database is
 * scratch space rebuilt from the last checkpoint after a failure.
 */
public final class RocksDbKeyedStateBackend<K> implements KeyedStateBackend<K> {
  static {
    RocksDB.loadLibrary();
  }

  private static final int RESTORE_BATCH_BYTES = 4 << 20;

  private final KeyedBackendParams<K> params;
  private final Path directory;
  private final CurrentKey<K> currentKey;
  private final SerializedKey<K> serializedKey;
  private final TimerServiceManager<K> timers;
  private final TypeSerializerSnapshot<K> keySerializerSnapshot;
  private final ResourceGuard guard = new ResourceGuard();
  private final Map<String, Column> columns = new LinkedHashMap<>();

  // native resources, closed by close()
  private final StringAppendOperator listAppend;
  private final ColumnFamilyOptions columnOptions;
  private final DBOptions dbOptions;
  private final WriteOptions writeOptions;
  private final ColumnFamilyHandle defaultColumn;
  private final RocksDB db;
  private boolean closed;

  private RocksDbKeyedStateBackend(KeyedBackendParams<K> params, Path directory) throws RocksDBException {
    this.params = params;
    this.directory = directory;
    this.currentKey = new CurrentKey<>(params.keyGroups(), params.maxParallelism());
    this.serializedKey = new SerializedKey<>(currentKey, params.keySerializer());
    this.timers = new TimerServiceManager<>(currentKey, params.keySerializer());
    this.keySerializerSnapshot = params.keySerializer().snapshot();
    this.listAppend = new StringAppendOperator("");
    this.columnOptions = new ColumnFamilyOptions().setMergeOperator(listAppend);
    this.dbOptions = new DBOptions().setCreateIfMissing(true).setStatsDumpPeriodSec(0);
    this.writeOptions = new WriteOptions().setDisableWAL(true);
    List<ColumnFamilyHandle> handles = new ArrayList<>(1);
    try {
      this.db = RocksDB.open(dbOptions, directory.toString(),
          List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, columnOptions)), handles);
    } catch (RocksDBException e) {
      writeOptions.close();
      dbOptions.close();
      columnOptions.close();
      listAppend.close();
      throw e;
    }
    this.defaultColumn = handles.get(0);
  }

  /**
   * Opens a fresh database in a new directory under {@code baseDirectory} (the system temporary directory if
   * null), named after the operator.
   */
  public static <K> RocksDbKeyedStateBackend<K> open(KeyedBackendParams<K> params, Path baseDirectory,
      String operatorId) throws IOException, RocksDBException {
    Path base = baseDirectory != null ? baseDirectory : Path.of(System.getProperty("java.io.tmpdir"));
    Files.createDirectories(base);
    String safeId = operatorId.replaceAll("[^A-Za-z0-9._-]", "_");
    Path dir = Files.createTempDirectory(base, "rocksdb-" + safeId + "-");
    try {
      return new RocksDbKeyedStateBackend<>(params, dir);
    } catch (RocksDBException | RuntimeException e) {
      deleteRecursively(dir);
      throw e;
    }
  }

  public Path directory() {
    return directory;
  }

  @Override
  public TypeSerializer<K> keySerializer() {
    return params.keySerializer();
  }

  @Override
  public KeyGroupRange keyGroupRange() {
    return params.keyGroups();
  }

  @Override
  public int maxParallelism() {
    return params.maxParallelism();
  }

  @Override
  public void setCurrentKey(K key) {
    currentKey.set(key);
  }

  @Override
  public K currentKey() {
    return currentKey.key();
  }

  @Override
  public int currentKeyGroup() {
    return currentKey.keyGroup();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <N, S extends State> S getOrCreateState(StateDescriptor<S, ?> descriptor,
      TypeSerializer<N> namespaceSerializer) {
    Column column = columns.get(descriptor.name());
    if (column != null && column.registered()) {
      RegisteredStates.requireSameType(column.descriptor, column.namespaceSerializer, descriptor,
          namespaceSerializer);
      return (S) column.state;
    }
    if (column == null) {
      column = createColumn(descriptor.name(), StateMetaInfo.forState(descriptor, namespaceSerializer));
    } else {
      SerializerCompatibility.Reader<Object> reader = SerializerCompatibility.checkState(column.meta,
          (StateDescriptor<?, Object>) descriptor, namespaceSerializer);
      if (reader.migrate()) {
        migrate(column, reader.serializer(), (TypeSerializer<Object>) descriptor.serializer());
      }
      column.meta = StateMetaInfo.forState(descriptor, namespaceSerializer);
    }
    column.descriptor = descriptor;
    column.namespaceSerializer = namespaceSerializer;
    column.state = create(descriptor, column, namespaceSerializer);
    return (S) column.state;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private <N> State create(StateDescriptor<?, ?> descriptor, Column column, TypeSerializer<N> namespaces) {
    TypeSerializer values = descriptor.serializer();
    if (descriptor instanceof ValueStateDescriptor<?>) {
      return new RocksDbValueState<>(column, serializedKey, namespaces, values);
    } else if (descriptor instanceof ListStateDescriptor<?>) {
      return new RocksDbListState<>(column, serializedKey, namespaces, values);
    } else if (descriptor instanceof MapStateDescriptor<?, ?> m) {
      return new RocksDbMapState<>(column, serializedKey, namespaces, m.keySerializer(), values);
    } else if (descriptor instanceof ReducingStateDescriptor<?> r) {
      return new RocksDbReducingState<>(column, serializedKey, namespaces, values, r.reducer());
    } else if (descriptor instanceof AggregatingStateDescriptor<?, ?, ?> a) {
      return new RocksDbAggregatingState<>(column, serializedKey, namespaces, values, a.aggregator());
    }
    throw new IllegalArgumentException("unknown state descriptor " + descriptor);
  }

  private Column createColumn(String name, StateMetaInfo meta) {
    if (closed) {
      throw new IllegalStateException("the RocksDB state backend is closed");
    }
    try {
      byte[] cfName = ("state/" + name).getBytes(StandardCharsets.UTF_8);
      ColumnFamilyHandle handle = db.createColumnFamily(new ColumnFamilyDescriptor(cfName, columnOptions));
      Column column = new Column(name, db, handle, writeOptions, meta);
      columns.put(name, column);
      return column;
    } catch (RocksDBException e) {
      throw new StateAccessException("cannot create a column family for state '" + name + "'", e);
    }
  }

  /** Rewrites every value of a restored column from the old serializer's format to the new one's. */
  private void migrate(Column column, TypeSerializer<Object> from, TypeSerializer<Object> to) {
    DataInputDeserializer in = new DataInputDeserializer();
    DataOutputSerializer out = new DataOutputSerializer(256);
    try (RocksIterator it = db.newIterator(column.handle); WriteBatch batch = new WriteBatch()) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] value = it.value();
        in.setBuffer(value, 0, value.length);
        out.clear();
        StateValueEncoding.migrate(column.meta.kind(), in, from, to, out);
        batch.put(column.handle, it.key(), out.toByteArray());
        if (batch.getDataSize() > RESTORE_BATCH_BYTES) {
          db.write(writeOptions, batch);
          batch.clear();
        }
      }
      it.status();
      db.write(writeOptions, batch);
    } catch (IOException | RocksDBException e) {
      throw new StateAccessException("cannot migrate state '" + column.name + "' to its new serializer", e);
    }
  }

  @Override
  public <N> InternalTimerService<N> timerService(String name, TypeSerializer<N> namespaceSerializer,
      Triggerable<K, N> target) {
    try {
      return timers.timerService(name, namespaceSerializer, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read restored timers of '" + name + "'", e);
    }
  }

  @Override
  public void setProcessingTimeService(ProcessingTimeService processingTime) {
    timers.setProcessingTimeService(processingTime);
  }

  @Override
  public void advanceWatermark(long watermark) throws Exception {
    timers.advanceWatermark(watermark);
  }

  /**
   * Takes a RocksDB snapshot (cheap: pins the current sequence number) and freezes the timers. The returned
   * snapshot iterates the RocksDB snapshot in {@code write} and releases it when written or released.
   */
  @Override
  public KeyedStateSnapshot snapshot(long checkpointId) {
    ResourceGuard.Lease lease = guard.acquire();
    Snapshot rocksSnapshot = db.getSnapshot();
    List<SnapshotSection> sections = new ArrayList<>();
    for (Column c : columns.values()) {
      sections.add(new RocksDbStateSection(c.meta, db, c.handle, rocksSnapshot));
    }
    sections.addAll(timers.snapshot());
    Runnable releaseNative = () -> {
      db.releaseSnapshot(rocksSnapshot);
      lease.close();
    };
    // the RocksDB snapshot pins old versions of entries: release it as soon as it is written
    return new SectionedSnapshot(keySerializerSnapshot, params.keyGroups(), sections, releaseNative, true);
  }

  @Override
  public void restore(List<KeyGroupsStateHandle> handles) throws Exception {
    if (columns.values().stream().anyMatch(Column::registered)) {
      throw new IllegalStateException("restore must come before any state is registered");
    }
    try (RestoreWriter writer = new RestoreWriter()) {
      SnapshotReader reader = new SnapshotReader();
      for (KeyGroupsStateHandle handle : handles) {
        reader.read(handle, params.keyGroups(), params.classLoader(), writer);
      }
    }
  }

  /** Puts restored entries into their column families in write batches, bytes as they are. */
  private final class RestoreWriter implements RestoreTarget, AutoCloseable {
    private final WriteBatch batch = new WriteBatch();
    private final DataOutputSerializer key = new DataOutputSerializer(64);

    @Override
    public void header(SnapshotHeader header) {
      SerializerCompatibility.requireAsIs("keyed state", "key", header.keySerializer(), params.keySerializer());
    }

    @Override
    public void entry(StateMetaInfo state, int keyGroup, byte[] keyBytes, int keyLength, byte[] value,
        int valueLength) throws IOException {
      if (state.kind() == StateMetaInfo.Kind.TIMERS) {
        timers.restoreEntry(state, keyGroup, keyBytes, keyLength, value, valueLength);
        return;
      }
      Column column = columns.get(state.name());
      if (column == null) {
        column = createColumn(state.name(), state);
      } else if (column.meta.kind() != state.kind()) {
        throw new IOException("snapshots disagree about state '" + state.name() + "': " + column.meta.kind()
            + " and " + state.kind());
      }
      key.clear();
      key.writeShort(keyGroup);
      key.write(keyBytes, 0, keyLength);
      try {
        batch.put(column.handle, key.toByteArray(), Arrays.copyOf(value, valueLength));
        if (batch.getDataSize() > RESTORE_BATCH_BYTES) {
          flush();
        }
      } catch (RocksDBException e) {
        throw new IOException("cannot restore state '" + state.name() + "' into RocksDB", e);
      }
    }

    private void flush() throws RocksDBException {
      db.write(writeOptions, batch);
      batch.clear();
    }

    @Override
    public void close() throws RocksDBException {
      try {
        flush();
      } finally {
        batch.close();
      }
    }
  }

  /**
   * Waits for snapshots still being written, then frees all native handles and deletes the directory.
   * Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    timers.close();
    guard.closeAndWait();
    for (Column c : columns.values()) {
      c.close();
    }
    columns.clear();
    defaultColumn.close();
    db.close();
    writeOptions.close();
    dbOptions.close();
    columnOptions.close();
    listAppend.close();
    deleteRecursively(directory);
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete RocksDB directory " + dir, e);
    }
  }
}
