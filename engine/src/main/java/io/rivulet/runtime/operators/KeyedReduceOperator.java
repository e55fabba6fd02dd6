package io.rivulet.runtime.operators;

import io.rivulet.api.functions.ReduceFunction;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;

/** Rolling reduce per key: keeps the reduced value in keyed state and emits it after every record. */
public final class KeyedReduceOperator<T> extends UdfOperator<ReduceFunction<T>, T> implements OneInputOperator<T, T> {
  private final TypeSerializer<T> type;
  private ValueState<T> reduced;

  public KeyedReduceOperator(ReduceFunction<T> function, TypeSerializer<T> type) {
    super(function);
    this.type = type;
  }

  @Override
  public void open() throws Exception {
    reduced = context.runtimeContext().state().getState(new ValueStateDescriptor<>("reduce", type));
    super.open();
  }

  @Override
  public void processElement(T value, long timestamp) throws Exception {
    T current = reduced.value();
    T next = current == null ? value : function.reduce(current, value);
    reduced.update(next);
    output.collect(next, timestamp);
  }
}
