package io.rivulet.runtime.state.heap;

import io.rivulet.api.state.Reducer;
import io.rivulet.api.state.ReducingState;
import io.rivulet.runtime.state.CurrentKey;
import io.rivulet.runtime.state.StateAccessException;
import io.rivulet.runtime.state.StateNulls;
import java.util.Collection;

/** Keeps the reduced value; {@link #add} folds in place of the old value. */
final class HeapReducingState<K, N, T> extends AbstractHeapState<K, N, T> implements ReducingState<T>,
    io.rivulet.runtime.state.FirstAddAware<T> {
  private final Reducer<T> reduce;

  HeapReducingState(CurrentKey<K> currentKey, StateTable<K, N, T> table, Reducer<T> reduce) {
    super(currentKey, table);
    this.reduce = reduce;
  }

  @Override
  public T get() {
    return getValue();
  }

  @Override
  public void add(T value) {
    addIsFirst(value);
  }

  @Override
  public boolean addIsFirst(T value) {
    StateNulls.require(value, "reducing state", name(), "values");
    T old = getValue();
    putValue(old == null ? value : reduce(old, value));
    return old == null;
  }

  @Override
  public void mergeNamespaces(N target, Collection<N> sources) {
    T merged = null;
    for (N source : sources) {
      if (source.equals(target)) {
        continue;
      }
      T v = removeValue(source);
      if (v != null) {
        merged = merged == null ? v : reduce(merged, v);
      }
    }
    if (merged != null) {
      T existing = getValue(target);
      putValue(target, existing == null ? merged : reduce(existing, merged));
    }
  }

  private T reduce(T a, T b) {
    try {
      return reduce.reduce(a, b);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new StateAccessException("reduce function of state '" + name() + "' failed", e);
    }
  }
}
