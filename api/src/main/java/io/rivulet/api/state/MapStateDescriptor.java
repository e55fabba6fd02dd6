package io.rivulet.api.state;

import io.rivulet.api.serialization.TypeSerializer;
import java.util.Objects;

public final class MapStateDescriptor<K, V> extends StateDescriptor<MapState<K, V>, V> {
  private final TypeSerializer<K> keySerializer;

  public MapStateDescriptor(String name, TypeSerializer<K> keySerializer, TypeSerializer<V> valueSerializer) {
    super(name, valueSerializer);
    this.keySerializer = Objects.requireNonNull(keySerializer, "map state needs a key serializer");
  }

  public TypeSerializer<K> keySerializer() {
    return keySerializer;
  }

  @Override
  public Kind kind() {
    return Kind.MAP;
  }
}
