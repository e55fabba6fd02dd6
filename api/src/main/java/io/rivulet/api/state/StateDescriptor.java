package io.rivulet.api.state;

import io.rivulet.api.serialization.TypeSerializer;
import java.io.Serializable;
import java.util.Objects;

/**
 * The typed handle of one keyed state: its name (unique within an operator, and what ties checkpointed
 * data to the state after a restart) and the serializer of what is stored.
 *
 * @param <S> the state interface
 * @param <V> the stored value type
 */
public abstract sealed class StateDescriptor<S extends State, V> implements Serializable
    permits ValueStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor,
        AggregatingStateDescriptor {

  /** The kinds of keyed state; part of the checkpoint format. */
  public enum Kind {
    VALUE,
    LIST,
    MAP,
    REDUCING,
    AGGREGATING
  }

  private final String name;
  private final TypeSerializer<V> serializer;

  StateDescriptor(String name, TypeSerializer<V> serializer) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a state needs a non-empty name");
    }
    this.name = name;
    this.serializer = Objects.requireNonNull(serializer, () -> "state '" + name + "' needs a serializer");
  }

  public String name() {
    return name;
  }

  /** The serializer of the stored value (for lists: of one element; for maps: of one map value). */
  public TypeSerializer<V> serializer() {
    return serializer;
  }

  public abstract Kind kind();

  @Override
  public String toString() {
    return kind() + " state '" + name + "' of " + serializer.typeName();
  }
}
