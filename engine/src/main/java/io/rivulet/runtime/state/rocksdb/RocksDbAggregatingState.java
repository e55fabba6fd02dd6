package io.rivulet.runtime.state.rocksdb;

import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.AggregatingState;
import io.rivulet.api.state.Aggregator;
import java.util.Collection;

/** Read-modify-write of the accumulator. */
final class RocksDbAggregatingState<K, N, IN, ACC, OUT> extends AbstractRocksDbState<K, N, ACC>
    implements AggregatingState<IN, OUT> {
  private final Aggregator<IN, ACC, OUT> function;

  RocksDbAggregatingState(Column column, SerializedKey<K> key, TypeSerializer<N> namespaces,
      TypeSerializer<ACC> accumulators, Aggregator<IN, ACC, OUT> function) {
    super(column, key, namespaces, accumulators);
    this.function = function;
  }

  @Override
  public OUT get() {
    ACC acc = readValue(key());
    return acc == null ? null : function.getResult(acc);
  }

  @Override
  public void add(IN value) {
    DataOutputSerializer key = key();
    ACC acc = readValue(key);
    put(key, serialize(function.add(value, acc == null ? function.createAccumulator() : acc)));
  }

  @Override
  public void mergeNamespaces(N target, Collection<N> sources) {
    ACC merged = null;
    for (N source : sources) {
      if (source.equals(target)) {
        continue;
      }
      DataOutputSerializer sourceKey = keyFor(source);
      ACC acc = readValue(sourceKey);
      if (acc != null) {
        delete(sourceKey);
        merged = merged == null ? acc : function.merge(merged, acc);
      }
    }
    if (merged != null) {
      DataOutputSerializer targetKey = keyFor(target);
      ACC existing = readValue(targetKey);
      put(targetKey, serialize(existing == null ? merged : function.merge(existing, merged)));
    }
  }
}
