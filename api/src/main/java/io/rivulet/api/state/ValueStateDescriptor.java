package io.rivulet.api.state;

import io.rivulet.api.serialization.TypeSerializer;

public final class ValueStateDescriptor<T> extends StateDescriptor<ValueState<T>, T> {
  public ValueStateDescriptor(String name, TypeSerializer<T> serializer) {
    super(name, serializer);
  }

  @Override
  public Kind kind() {
    return Kind.VALUE;
  }
}
