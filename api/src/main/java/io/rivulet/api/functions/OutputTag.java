package io.rivulet.api.functions;

import io.rivulet.api.serialization.TypeSerializer;
import java.io.Serializable;
import java.util.Objects;

/**
 * Names a side output and its type. Equal ids mean the same side output.
 *
 * <pre>{@code
 * OutputTag<Event> late = new OutputTag<>("late", Event.SERIALIZER);
 * }</pre>
 */
public final class OutputTag<T> implements Serializable {
  private final String id;
  private final TypeSerializer<T> type;

  public OutputTag(String id, TypeSerializer<T> type) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("an OutputTag needs a non-empty id");
    }
    this.id = id;
    this.type = Objects.requireNonNull(type, () -> "OutputTag '" + id + "' needs a serializer");
  }

  public String id() {
    return id;
  }

  public TypeSerializer<T> type() {
    return type;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutputTag<?> t && t.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "OutputTag(" + id + ": " + type.typeName() + ")";
  }
}
