package io.rivulet.runtime.state.heap;

import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.MapStateDescriptor;
import io.rivulet.api.state.StateDescriptor;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.snapshot.StateMetaInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * All entries of one heap state: one {@link StateMap} per key group of the backend's range, created on first
 * write, so that a snapshot writes key group after key group without sorting. Owned by the task thread.
 *
 * @param <V> what is stored per (key, namespace): the value, the accumulator, an {@code ArrayList} of
 *     elements (list state) or a {@code HashMap} (map state)
 */
final class StateTable<K, N, V> {
  final StateDescriptor<?, ?> descriptor;
  final StateMetaInfo meta;
  final TypeSerializer<K> keySerializer;
  final TypeSerializer<N> namespaceSerializer;
  private final KeyGroupRange range;
  private final StateMap<K, N, V>[] maps;
  /** How the maps copy a value that may be changed in place, or null (see {@link StateMap}). */
  private final UnaryOperator<Object> copier;

  @SuppressWarnings("unchecked")
  StateTable(StateDescriptor<?, ?> descriptor, TypeSerializer<K> keySerializer,
      TypeSerializer<N> namespaceSerializer, KeyGroupRange range) {
    this.descriptor = descriptor;
    this.meta = StateMetaInfo.forState(descriptor, namespaceSerializer);
    this.keySerializer = keySerializer;
    this.namespaceSerializer = namespaceSerializer;
    this.range = range;
    this.maps = new StateMap[range.size()];
    this.copier = copier();
  }

  V get(int keyGroup, K key, N namespace, int hash) {
    StateMap<K, N, V> map = maps[keyGroup - range.start()];
    return map == null ? null : map.get(key, namespace, hash);
  }

  void put(int keyGroup, K key, N namespace, int hash, V value) {
    int i = keyGroup - range.start();
    StateMap<K, N, V> map = maps[i];
    if (map == null) {
      map = maps[i] = new StateMap<>(copier);
    }
    map.put(key, namespace, hash, value);
  }

  V remove(int keyGroup, K key, N namespace, int hash) {
    StateMap<K, N, V> map = maps[keyGroup - range.start()];
    return map == null ? null : map.remove(key, namespace, hash);
  }

  /**
   * Synchronous snapshot part: freezes every key group, O(1) each: the maps copy on write from now on (arrays on
   * their next change, values that may change in place — list and map containers, values whose serializer is
   * not immutable — on their next access).
   */
  HeapStateSection snapshot() {
    StateMap.Frozen[] frozen = new StateMap.Frozen[maps.length];
    for (int i = 0; i < maps.length; i++) {
      if (maps[i] != null && maps[i].size() > 0) {
        frozen[i] = maps[i].freeze();
      }
    }
    return new HeapStateSection(meta, descriptor, keySerializer, namespaceSerializer, range, frozen);
  }

  @SuppressWarnings("unchecked")
  private UnaryOperator<Object> copier() {
    TypeSerializer<Object> values = (TypeSerializer<Object>) descriptor.serializer();
    boolean copyValues = !values.isImmutable();
    switch (meta.kind()) {
      case LIST:
        return v -> {
          List<Object> list = (List<Object>) v;
          ArrayList<Object> copy = new ArrayList<>(list.size());
          for (Object e : list) {
            copy.add(copyValues ? values.copy(e) : e);
          }
          return copy;
        };
      case MAP: {
        TypeSerializer<Object> userKeys = ((MapStateDescriptor<Object, Object>) descriptor).keySerializer();
        boolean copyKeys = !userKeys.isImmutable();
        return v -> {
          Map<Object, Object> map = (Map<Object, Object>) v;
          HashMap<Object, Object> copy = new HashMap<>(Math.max(4, (int) (map.size() / 0.75f) + 1));
          for (Map.Entry<Object, Object> e : map.entrySet()) {
            Object value = e.getValue();
            copy.put(copyKeys ? userKeys.copy(e.getKey()) : e.getKey(),
                copyValues && value != null ? values.copy(value) : value);
          }
          return copy;
        };
      }
      default:
        return copyValues ? values::copy : null;
    }
  }
}
