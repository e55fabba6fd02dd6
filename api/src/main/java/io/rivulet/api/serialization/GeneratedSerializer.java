package io.rivulet.api.serialization;

import java.util.List;

/**
 * Base of the serializers rivulet-codegen generates for {@link GenerateSerializer} types. The generated
 * subclass holds the straight-line serialize/deserialize/copy code of the current class; this base holds
 * what state evolution needs besides: the byte layout ({@link #fields()}) and a way to build an instance
 * from values read field by field under an older layout ({@link #fromFields}).
 */
public abstract class GeneratedSerializer<T> implements TypeSerializer<T> {
  private static final long serialVersionUID = 1L;

  /** In the values passed to {@link #fromFields}: the old layout did not have this field. */
  protected static final Object ABSENT = new Object() {
    @Override
    public String toString() {
      return "ABSENT";
    }
  };

  private final Class<T> type;
  private final List<GeneratedField> fields;

  protected GeneratedSerializer(Class<T> type, GeneratedField... fields) {
    this.type = type;
    this.fields = List.of(fields);
  }

  /** The byte layout: the fields in write order. */
  public final List<GeneratedField> fields() {
    return fields;
  }

  /**
   * An instance from field values in {@link #fields()} order, where a field the data did not have is
   * {@link #ABSENT}: a record gets the Java default (0, false, null), a POJO keeps what its no-argument
   * constructor set. Only the migration path calls this, so boxing here is fine.
   */
  protected abstract T fromFields(Object[] values);

  @Override
  public String typeName() {
    return type.getName();
  }

  @Override
  public final Class<T> typeClass() {
    return type;
  }

  @Override
  public TypeSerializerSnapshot<T> snapshot() {
    return new GeneratedSerializerSnapshot<>(this);
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().hashCode();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName();
  }
}
