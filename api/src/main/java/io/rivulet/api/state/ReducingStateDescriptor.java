package io.rivulet.api.state;

import io.rivulet.api.functions.ReduceFunction;
import io.rivulet.api.serialization.TypeSerializer;
import java.util.Objects;

public final class ReducingStateDescriptor<T> extends StateDescriptor<ReducingState<T>, T> {
  private final ReduceFunction<T> reduceFunction;

  public ReducingStateDescriptor(String name, ReduceFunction<T> reduceFunction, TypeSerializer<T> serializer) {
    super(name, serializer);
    this.reduceFunction = Objects.requireNonNull(reduceFunction, "reducing state needs a reduce function");
  }

  public ReduceFunction<T> reduceFunction() {
    return reduceFunction;
  }

  @Override
  public Kind kind() {
    return Kind.REDUCING;
  }
}
