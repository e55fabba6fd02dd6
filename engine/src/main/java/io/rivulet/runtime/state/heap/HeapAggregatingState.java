package io.rivulet.runtime.state.heap;

import io.rivulet.api.state.AggregatingState;
import io.rivulet.api.state.Aggregator;
import io.rivulet.runtime.state.CurrentKey;
import java.util.Collection;

/**
 * Keeps the accumulator object; the aggregate function may mutate it in place, so a snapshot deep-copies
 * accumulators whose serializer is not immutable.
 */
final class HeapAggregatingState<K, N, IN, ACC, OUT> extends AbstractHeapState<K, N, ACC>
    implements AggregatingState<IN, OUT>,
    io.rivulet.runtime.state.FirstAddAware<IN> {
  private final Aggregator<IN, ACC, OUT> function;

  HeapAggregatingState(CurrentKey<K> currentKey, StateTable<K, N, ACC> table,
      Aggregator<IN, ACC, OUT> function) {
    super(currentKey, table);
    this.function = function;
  }

  @Override
  public OUT get() {
    ACC acc = getValue();
    return acc == null ? null : function.getResult(acc);
  }

  @Override
  public void add(IN value) {
    addIsFirst(value);
  }

  @Override
  public boolean addIsFirst(IN value) {
    ACC acc = getValue();
    ACC next = function.add(value, acc == null ? function.createAccumulator() : acc);
    if (next != acc) {
      putValue(next);
    }
    return acc == null;
  }

  @Override
  public void mergeNamespaces(N target, Collection<N> sources) {
    ACC merged = null;
    for (N source : sources) {
      if (source.equals(target)) {
        continue;
      }
      ACC acc = removeValue(source);
      if (acc != null) {
        merged = merged == null ? acc : function.merge(merged, acc);
      }
    }
    if (merged != null) {
      ACC existing = getValue(target);
      putValue(target, existing == null ? merged : function.merge(existing, merged));
    }
  }
}
