package io.rivulet.runtime.state.heap;

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
import io.rivulet.runtime.state.IncompatibleStateException;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.KeyGroups;
import io.rivulet.runtime.state.KeyGroupsStateHandle;
import io.rivulet.runtime.state.KeyedBackendParams;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.state.KeyedStateSnapshot;
import io.rivulet.runtime.state.RegisteredStates;
import io.rivulet.runtime.state.snapshot.RestoreTarget;
import io.rivulet.runtime.state.snapshot.RestoredEntries;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keyed state as Java objects: per state a {@link StateTable} of per-key-group hash maps. Accesses cost a
 * hash probe and no serialization; a snapshot freezes the tables by copying entry references (and deep-copying
 * mutable values) on the task thread, and serializes on the checkpoint I/O thread.
 *
 * <p>Everything here is owned by the task thread, except the {@link KeyedStateSnapshot}s it hands out.
 */
public final class HeapKeyedStateBackend<K> implements KeyedStateBackend<K> {
  private final KeyedBackendParams<K> params;
  private final CurrentKey<K> currentKey;
  private final TimerServiceManager<K> timers;
  private final TypeSerializerSnapshot<K> keySerializerSnapshot;
  private final Map<String, Registered<K>> states = new LinkedHashMap<>();
  /** Restored entries of states that were not registered yet, by state name. */
  private final Map<String, RestoredEntries> restored = new LinkedHashMap<>();

  private record Registered<K>(StateDescriptor<?, ?> descriptor, TypeSerializer<?> namespaceSerializer,
      StateTable<K, ?, ?> table, State state) {}

  public HeapKeyedStateBackend(KeyedBackendParams<K> params) {
    this.params = params;
    this.currentKey = new CurrentKey<>(params.keyGroups(), params.maxParallelism());
    this.timers = new TimerServiceManager<>(currentKey, params.keySerializer());
    this.keySerializerSnapshot = params.keySerializer().snapshot();
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
    Registered<K> existing = states.get(descriptor.name());
    if (existing != null) {
      RegisteredStates.requireSameType(existing.descriptor, existing.namespaceSerializer, descriptor,
          namespaceSerializer);
      return (S) existing.state;
    }
    StateTable<K, N, Object> table = new StateTable<>(descriptor, params.keySerializer(), namespaceSerializer,
        params.keyGroups());
    RestoredEntries entries = restored.get(descriptor.name());
    if (entries != null) {
      SerializerCompatibility.Reader<Object> reader = SerializerCompatibility.checkState(entries.meta(),
          (StateDescriptor<?, Object>) descriptor, namespaceSerializer);
      try {
        load(entries, table, reader.serializer());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read restored state '" + descriptor.name() + "'", e);
      }
      restored.remove(descriptor.name());
    }
    S state = (S) create(descriptor, table);
    states.put(descriptor.name(), new Registered<>(descriptor, namespaceSerializer, table, state));
    return state;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private State create(StateDescriptor<?, ?> descriptor, StateTable table) {
    if (descriptor instanceof ValueStateDescriptor<?>) {
      return new HeapValueState<>(currentKey, table);
    } else if (descriptor instanceof ListStateDescriptor<?>) {
      return new HeapListState<>(currentKey, table);
    } else if (descriptor instanceof MapStateDescriptor<?, ?>) {
      return new HeapMapState<>(currentKey, table);
    } else if (descriptor instanceof ReducingStateDescriptor<?> r) {
      return new HeapReducingState<>(currentKey, table, r.reducer());
    } else if (descriptor instanceof AggregatingStateDescriptor<?, ?, ?> a) {
      return new HeapAggregatingState<>(currentKey, table, a.aggregator());
    }
    throw new IllegalArgumentException("unknown state descriptor " + descriptor);
  }

  /** Deserializes restored entries into a table, reading values with {@code values}. */
  @SuppressWarnings("unchecked")
  private <N> void load(RestoredEntries entries, StateTable<K, N, Object> table, TypeSerializer<Object> values)
      throws IOException {
    StateMetaInfo.Kind kind = entries.meta().kind();
    TypeSerializer<Object> userKeys = table.descriptor instanceof MapStateDescriptor<?, ?> m
        ? (TypeSerializer<Object>) m.keySerializer() : null;
    entries.forEach((keyGroup, keyBytes, valueBytes) -> {
      K key = params.keySerializer().deserialize(keyBytes);
      N namespace = table.namespaceSerializer.deserialize(keyBytes);
      checkKeyGroup(table, key, keyGroup);
      int hash = StateMap.hash(key.hashCode(), namespace.hashCode());
      switch (kind) {
        case LIST -> table.put(keyGroup, key, namespace, hash, StateValueEncoding.readList(valueBytes, values));
        case MAP -> {
          HashMap<Object, Object> map = (HashMap<Object, Object>) table.get(keyGroup, key, namespace, hash);
          if (map == null) {
            map = new HashMap<>();
            table.put(keyGroup, key, namespace, hash, map);
          }
          map.put(userKeys.deserialize(keyBytes), StateValueEncoding.readMapValue(valueBytes, values));
        }
        default -> table.put(keyGroup, key, namespace, hash, values.deserialize(valueBytes));
      }
    });
  }

  private void checkKeyGroup(StateTable<?, ?, ?> table, K key, int keyGroup) {
    int actual = KeyGroups.keyGroupFor(key, params.maxParallelism());
    if (actual != keyGroup) {
      throw new IncompatibleStateException("cannot restore state '" + table.descriptor.name() + "': key " + key
          + " was checkpointed in key group " + keyGroup + " but now belongs to key group " + actual
          + " (did the key's hashCode or the max parallelism change?)");
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

  /** Freezes all tables (see {@link StateTable#snapshot}) and timers; the returned snapshot serializes later. */
  @Override
  public KeyedStateSnapshot snapshot(long checkpointId) {
    List<SnapshotSection> sections = new ArrayList<>();
    for (Registered<K> r : states.values()) {
      sections.add(r.table.snapshot());
    }
    for (RestoredEntries r : restored.values()) {
      sections.add(r.asSection());
    }
    sections.addAll(timers.snapshot());
    return new SectionedSnapshot(keySerializerSnapshot, params.keyGroups(), sections, null, false);
  }

  @Override
  public void restore(List<KeyGroupsStateHandle> handles) throws Exception {
    if (!states.isEmpty()) {
      throw new IllegalStateException("restore must come before any state is registered");
    }
    SnapshotReader reader = new SnapshotReader();
    RestoreTarget target = new RestoreTarget() {
      @Override
      public void header(SnapshotHeader header) {
        SerializerCompatibility.requireAsIs("keyed state", "key", header.keySerializer(), params.keySerializer());
      }

      @Override
      public void entry(StateMetaInfo state, int keyGroup, byte[] key, int keyLength, byte[] value,
          int valueLength) throws IOException {
        if (state.kind() == StateMetaInfo.Kind.TIMERS) {
          timers.restoreEntry(state, keyGroup, key, keyLength, value, valueLength);
        } else {
          RestoredEntries entries = restored.computeIfAbsent(state.name(),
              n -> new RestoredEntries(state, params.keyGroups()));
          if (entries.meta().kind() != state.kind()) {
            throw new IOException("snapshots disagree about state '" + state.name() + "': "
                + entries.meta().kind() + " and " + state.kind());
          }
          entries.add(keyGroup, key, keyLength, value, valueLength);
        }
      }
    };
    for (KeyGroupsStateHandle handle : handles) {
      reader.read(handle, params.keyGroups(), params.classLoader(), target);
    }
  }

  @Override
  public void close() {
    timers.close();
    states.clear();
    restored.clear();
  }
}
