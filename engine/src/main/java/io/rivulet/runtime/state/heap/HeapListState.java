package io.rivulet.runtime.state.heap;

import io.rivulet.api.state.ListState;
import io.rivulet.runtime.state.CurrentKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** An {@code ArrayList} per (key, namespace); {@link #add} appends in place. Null elements are rejected. */
final class HeapListState<K, N, T> extends AbstractHeapState<K, N, ArrayList<T>> implements ListState<T> {
  HeapListState(CurrentKey<K> currentKey, StateTable<K, N, ArrayList<T>> table) {
    super(currentKey, table);
  }

  /** A read-only view of the stored list (no copy); empty when nothing was added. */
  @Override
  public Iterable<T> get() {
    ArrayList<T> list = getValue();
    return list == null ? List.of() : Collections.unmodifiableList(list);
  }

  @Override
  public void add(T value) {
    Objects.requireNonNull(value, () -> "list state '" + name() + "' does not take null elements");
    ArrayList<T> list = getValue();
    if (list == null) {
      list = new ArrayList<>();
      putValue(list);
    }
    list.add(value);
  }

  @Override
  public void addAll(List<T> values) {
    requireNoNulls(values);
    if (values.isEmpty()) {
      return;
    }
    ArrayList<T> list = getValue();
    if (list == null) {
      putValue(new ArrayList<>(values));
    } else {
      list.addAll(values);
    }
  }

  @Override
  public void update(List<T> values) {
    if (values == null || values.isEmpty()) {
      removeValue();
      return;
    }
    requireNoNulls(values);
    putValue(new ArrayList<>(values));
  }

  private void requireNoNulls(List<T> values) {
    Objects.requireNonNull(values, () -> "list state '" + name() + "': the list to add is null");
    for (int i = 0, n = values.size(); i < n; i++) {
      Objects.requireNonNull(values.get(i), () -> "list state '" + name() + "' does not take null elements");
    }
  }

  @Override
  public void mergeNamespaces(N target, Collection<N> sources) {
    ArrayList<T> merged = null;
    for (N source : sources) {
      if (source.equals(target)) {
        continue;
      }
      ArrayList<T> list = removeValue(source);
      if (list == null) {
        continue;
      }
      if (merged == null) {
        merged = list;
      } else {
        merged.addAll(list);
      }
    }
    if (merged != null) {
      ArrayList<T> existing = getValue(target);
      if (existing == null) {
        putValue(target, merged);
      } else {
        existing.addAll(merged);
      }
    }
  }
}
