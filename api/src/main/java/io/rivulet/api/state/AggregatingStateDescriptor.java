package io.rivulet.api.state;

import io.rivulet.api.functions.AggregateFunction;
import io.rivulet.api.serialization.TypeSerializer;
import java.util.Objects;

/** Stores the accumulator ({@code ACC}); {@link #serializer()} serializes accumulators. */
public final class AggregatingStateDescriptor<IN, ACC, OUT>
    extends StateDescriptor<AggregatingState<IN, OUT>, ACC> {
  private final AggregateFunction<IN, ACC, OUT> aggregateFunction;

  public AggregatingStateDescriptor(String name, AggregateFunction<IN, ACC, OUT> aggregateFunction,
      TypeSerializer<ACC> accumulatorSerializer) {
    super(name, accumulatorSerializer);
    this.aggregateFunction = Objects.requireNonNull(aggregateFunction, "aggregating state needs a function");
  }

  public AggregateFunction<IN, ACC, OUT> aggregateFunction() {
    return aggregateFunction;
  }

  @Override
  public Kind kind() {
    return Kind.AGGREGATING;
  }
}
