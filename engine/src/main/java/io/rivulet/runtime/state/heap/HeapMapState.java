package io.rivulet.runtime.state.heap;

import io.rivulet.api.state.MapState;
import io.rivulet.runtime.state.CurrentKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code HashMap} per (key, namespace). Null user values are allowed, null user keys are not (RocksDB
 * could not store them). Iterators are live views; their {@code remove} removes from the state.
 */
final class HeapMapState<K, N, UK, UV> extends AbstractHeapState<K, N, HashMap<UK, UV>>
    implements MapState<UK, UV> {
  HeapMapState(CurrentKey<K> currentKey, StateTable<K, N, HashMap<UK, UV>> table) {
    super(currentKey, table);
  }

  @Override
  public UV get(UK key) {
    HashMap<UK, UV> map = getValue();
    return map == null ? null : map.get(key);
  }

  @Override
  public void put(UK key, UV value) {
    requireKey(key);
    writableMap().put(key, value);
  }

  @Override
  public void putAll(Map<UK, UV> entries) {
    if (entries.isEmpty()) {
      return;
    }
    entries.keySet().forEach(this::requireKey);
    writableMap().putAll(entries);
  }

  private HashMap<UK, UV> writableMap() {
    HashMap<UK, UV> map = getValue();
    if (map == null) {
      map = new HashMap<>();
      putValue(map);
    }
    return map;
  }

  private void requireKey(UK key) {
    Objects.requireNonNull(key, () -> "map state '" + name() + "' does not take null keys");
  }

  @Override
  public void remove(UK key) {
    HashMap<UK, UV> map = getValue();
    if (map != null) {
      map.remove(key);
      if (map.isEmpty()) {
        removeValue();
      }
    }
  }

  @Override
  public boolean contains(UK key) {
    HashMap<UK, UV> map = getValue();
    return map != null && map.containsKey(key);
  }

  @Override
  public Iterable<Map.Entry<UK, UV>> entries() {
    HashMap<UK, UV> map = getValue();
    return map == null ? List.of() : map.entrySet();
  }

  @Override
  public Iterable<UK> keys() {
    HashMap<UK, UV> map = getValue();
    return map == null ? List.of() : map.keySet();
  }

  @Override
  public Iterable<UV> values() {
    HashMap<UK, UV> map = getValue();
    return map == null ? List.of() : map.values();
  }

  @Override
  public boolean isEmpty() {
    HashMap<UK, UV> map = getValue();
    return map == null || map.isEmpty();
  }
}
