package io.rivulet.runtime.operators;

import io.rivulet.api.functions.AggregateFunction;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;

/** Rolling aggregate per key: keeps the accumulator in keyed state, emits the result after every record. */
public final class KeyedAggregateOperator<IN, ACC, OUT> extends UdfOperator<AggregateFunction<IN, ACC, OUT>, OUT>
    implements OneInputOperator<IN, OUT> {
  private final TypeSerializer<ACC> accumulatorType;
  private ValueState<ACC> accumulator;

  public KeyedAggregateOperator(AggregateFunction<IN, ACC, OUT> function, TypeSerializer<ACC> accumulatorType) {
    super(function);
    this.accumulatorType = accumulatorType;
  }

  @Override
  public void open() throws Exception {
    accumulator = context.runtimeContext().state().getState(new ValueStateDescriptor<>("aggregate", accumulatorType));
    super.open();
  }

  @Override
  public void processElement(IN value, long timestamp) throws Exception {
    ACC acc = accumulator.value();
    if (acc == null) {
      acc = function.createAccumulator();
    }
    acc = function.add(value, acc);
    accumulator.update(acc);
    output.collect(function.getResult(acc), timestamp);
  }
}
