package io.rivulet.api.state;

import io.rivulet.api.serialization.TypeSerializer;
import java.util.Objects;

public final class ReducingStateDescriptor<T> extends StateDescriptor<ReducingState<T>, T> {
  private final Reducer<T> reducer;

  public ReducingStateDescriptor(String name, Reducer<T> reducer, TypeSerializer<T> serializer) {
    super(name, serializer);
    this.reducer = Objects.requireNonNull(reducer, "reducing state needs a reduce function");
  }

  public Reducer<T> reducer() {
    return reducer;
  }

  @Override
  public Kind kind() {
    return Kind.REDUCING;
  }
}
