package io.rivulet.api.serialization;

import java.util.Map;

/**
 * The serializers a job author names: constants for the basic types and {@link #of(Class)} for the
 * rest. A serializer is how Rivulet knows a stream's type wherever records leave the JVM or enter state.
 */
public final class Types {
  private Types() {}

  public static final TypeSerializer<Long> LONG = BasicSerializers.LongSerializer.INSTANCE;
  public static final TypeSerializer<Integer> INT = BasicSerializers.IntSerializer.INSTANCE;
  public static final TypeSerializer<Short> SHORT = BasicSerializers.ShortSerializer.INSTANCE;
  public static final TypeSerializer<Byte> BYTE = BasicSerializers.ByteSerializer.INSTANCE;
  public static final TypeSerializer<Boolean> BOOLEAN = BasicSerializers.BooleanSerializer.INSTANCE;
  public static final TypeSerializer<Character> CHAR = BasicSerializers.CharSerializer.INSTANCE;
  public static final TypeSerializer<Double> DOUBLE = BasicSerializers.DoubleSerializer.INSTANCE;
  public static final TypeSerializer<Float> FLOAT = BasicSerializers.FloatSerializer.INSTANCE;
  public static final TypeSerializer<String> STRING = BasicSerializers.StringSerializer.INSTANCE;
  public static final TypeSerializer<byte[]> BYTES = BasicSerializers.BytesSerializer.INSTANCE;

  private static final Map<Class<?>, TypeSerializer<?>> BASIC = Map.ofEntries(
      Map.entry(Long.class, LONG), Map.entry(long.class, LONG),
      Map.entry(Integer.class, INT), Map.entry(int.class, INT),
      Map.entry(Short.class, SHORT), Map.entry(short.class, SHORT),
      Map.entry(Byte.class, BYTE), Map.entry(byte.class, BYTE),
      Map.entry(Boolean.class, BOOLEAN), Map.entry(boolean.class, BOOLEAN),
      Map.entry(Character.class, CHAR), Map.entry(char.class, CHAR),
      Map.entry(Double.class, DOUBLE), Map.entry(double.class, DOUBLE),
      Map.entry(Float.class, FLOAT), Map.entry(float.class, FLOAT),
      Map.entry(String.class, STRING),
      Map.entry(byte[].class, BYTES));

  /**
   * The serializer for a class: a basic type, or a record/POJO annotated with {@link GenerateSerializer}.
   * Looked up once when the graph is built, never per record.
   *
   * @throws MissingSerializerException naming the type and how to give it a serializer
   */
  @SuppressWarnings("unchecked")
  public static <T> TypeSerializer<T> of(Class<T> type) {
    TypeSerializer<?> basic = BASIC.get(type);
    if (basic != null) {
      return (TypeSerializer<T>) basic;
    }
    throw new MissingSerializerException(missingMessage(type));
  }

  static String missingMessage(Class<?> type) {
    return "no serializer for type " + type.getName()
        + ": annotate it with @io.rivulet.api.serialization.GenerateSerializer (records and POJOs with a"
        + " no-argument constructor), or pass a TypeSerializer explicitly, e.g. .returns(mySerializer)";
  }
}
