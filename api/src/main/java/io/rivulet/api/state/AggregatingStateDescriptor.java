package io.rivulet.api.state;

import io.rivulet.api.serialization.TypeSerializer;
import java.util.Objects;

/** Stores the accumulator ({@code ACC}); {@link #serializer()} serializes accumulators. */
public final class AggregatingStateDescriptor<IN, ACC, OUT>
    extends StateDescriptor<AggregatingState<IN, OUT>, ACC> {
  private final Aggregator<IN, ACC, OUT> aggregator;

  public AggregatingStateDescriptor(String name, Aggregator<IN, ACC, OUT> aggregator,
      TypeSerializer<ACC> accumulatorSerializer) {
    super(name, accumulatorSerializer);
    this.aggregator = Objects.requireNonNull(aggregator, "aggregating state needs a function");
  }

  public Aggregator<IN, ACC, OUT> aggregator() {
    return aggregator;
  }

  @Override
  public Kind kind() {
    return Kind.AGGREGATING;
  }
}
