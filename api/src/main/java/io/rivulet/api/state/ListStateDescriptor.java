package io.rivulet.api.state;

import io.rivulet.api.serialization.TypeSerializer;

public final class ListStateDescriptor<T> extends StateDescriptor<ListState<T>, T> {
  public ListStateDescriptor(String name, TypeSerializer<T> elementSerializer) {
    super(name, elementSerializer);
  }

  @Override
  public Kind kind() {
    return Kind.LIST;
  }
}
