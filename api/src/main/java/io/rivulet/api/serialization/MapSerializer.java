package io.rivulet.api.serialization;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Maps from K to V; the map and its values may be null (one marker byte per value), keys may not (a null
 * key is almost always a bug, and most map implementations reject it anyway). Reads back a
 * {@link HashMap}; {@link #copy} is deep.
 */
public final class MapSerializer<K, V> implements TypeSerializer<Map<K, V>> {
  private static final long serialVersionUID = 1L;

  private final TypeSerializer<K> keys;
  private final TypeSerializer<V> values;

  public MapSerializer(TypeSerializer<K> keys, TypeSerializer<V> values) {
    this.keys = Objects.requireNonNull(keys, "key serializer");
    this.values = Objects.requireNonNull(values, "value serializer");
  }

  public TypeSerializer<K> keySerializer() {
    return keys;
  }

  public TypeSerializer<V> valueSerializer() {
    return values;
  }

  @Override
  public void serialize(Map<K, V> map, DataOutputView out) throws IOException {
    if (map == null) {
      Lengths.writeNull(out);
      return;
    }
    int n = map.size();
    Lengths.write(n, out);
    int written = 0;
    for (Map.Entry<K, V> e : map.entrySet()) {
      K key = e.getKey();
      if (key == null) {
        throw new NullPointerException("a map of type " + typeName() + " has a null key; null keys are not supported");
      }
      keys.serialize(key, out);
      NullableSerializer.write(values, e.getValue(), out);
      written++;
    }
    if (written != n) {
      throw new IOException("map changed while being serialized: size " + n + " but " + written + " entries");
    }
  }

  @Override
  public Map<K, V> deserialize(DataInputView in) throws IOException {
    int n = Lengths.read(in, 1, "map");
    if (n < 0) {
      return null;
    }
    Map<K, V> map = new HashMap<>(Lengths.hashCapacity(n));
    for (int i = 0; i < n; i++) {
      K key = keys.deserialize(in);
      map.put(key, NullableSerializer.read(values, in));
    }
    return map;
  }

  @Override
  public Map<K, V> copy(Map<K, V> map) {
    if (map == null) {
      return null;
    }
    if (keys.isImmutable() && values.isImmutable()) {
      return new HashMap<>(map);
    }
    Map<K, V> copy = new HashMap<>(Lengths.hashCapacity(map.size()));
    for (Map.Entry<K, V> e : map.entrySet()) {
      V v = e.getValue();
      copy.put(keys.copy(e.getKey()), v == null ? null : values.copy(v));
    }
    return copy;
  }

  @Override
  public boolean isImmutable() {
    return false;
  }

  @Override
  public String typeName() {
    return "Map<" + keys.typeName() + ", " + values.typeName() + ">";
  }

  @Override
  @SuppressWarnings("unchecked")
  public Class<Map<K, V>> typeClass() {
    return (Class<Map<K, V>>) (Class<?>) Map.class;
  }

  @Override
  public TypeSerializer<Map<K, V>> duplicate() {
    TypeSerializer<K> k = keys.duplicate();
    TypeSerializer<V> v = values.duplicate();
    return k == keys && v == values ? this : new MapSerializer<>(k, v);
  }

  @Override
  public TypeSerializerSnapshot<Map<K, V>> snapshot() {
    return new Snapshot<>(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapSerializer<?, ?> m && m.keys.equals(keys) && m.values.equals(values);
  }

  @Override
  public int hashCode() {
    return 31 * keys.hashCode() + values.hashCode();
  }

  @Override
  public String toString() {
    return typeName();
  }

  public static final class Snapshot<K, V> extends CompositeSerializerSnapshot<Map<K, V>> {
    public Snapshot() {}

    Snapshot(MapSerializer<K, V> s) {
      super(s.keys, s.values);
    }

    @Override
    protected Class<?> serializerClass() {
      return MapSerializer.class;
    }

    @Override
    protected TypeSerializer<?>[] nestedSerializers(TypeSerializer<Map<K, V>> s) {
      MapSerializer<K, V> m = (MapSerializer<K, V>) s;
      return new TypeSerializer<?>[] {m.keys, m.values};
    }

    @Override
    @SuppressWarnings("unchecked")
    protected TypeSerializer<Map<K, V>> create(TypeSerializer<?>[] parts) {
      return new MapSerializer<>((TypeSerializer<K>) parts[0], (TypeSerializer<V>) parts[1]);
    }

    @Override
    protected String partName(int i) {
      return i == 0 ? "key" : "value";
    }
  }
}
