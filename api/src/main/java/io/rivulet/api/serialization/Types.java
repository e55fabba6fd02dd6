package io.rivulet.api.serialization;

import io.rivulet.api.tuple.Tuple2;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The serializers a job author names: constants for the basic types, factories for containers, and
 * {@link #of(Class)} for the rest. A serializer is how Rivulet knows a stream's type wherever records leave
 * the JVM or enter state.
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
  public static final TypeSerializer<long[]> LONG_ARRAY = ArraySerializers.LongArraySerializer.INSTANCE;
  public static final TypeSerializer<int[]> INT_ARRAY = ArraySerializers.IntArraySerializer.INSTANCE;
  public static final TypeSerializer<double[]> DOUBLE_ARRAY = ArraySerializers.DoubleArraySerializer.INSTANCE;
  public static final TypeSerializer<String[]> STRING_ARRAY = ArraySerializers.StringArraySerializer.INSTANCE;

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
      Map.entry(byte[].class, BYTES),
      Map.entry(long[].class, LONG_ARRAY),
      Map.entry(int[].class, INT_ARRAY),
      Map.entry(double[].class, DOUBLE_ARRAY),
      Map.entry(String[].class, STRING_ARRAY));

  /** Lists (read back as {@code ArrayList}); null lists and null elements allowed. */
  public static <E> TypeSerializer<List<E>> listOf(TypeSerializer<E> elements) {
    return new ListSerializer<>(elements);
  }

  /** Maps (read back as {@code HashMap}); null maps and null values allowed, null keys not. */
  public static <K, V> TypeSerializer<Map<K, V>> mapOf(TypeSerializer<K> keys, TypeSerializer<V> values) {
    return new MapSerializer<>(keys, values);
  }

  /** Sets (read back as {@code HashSet}); null sets and a null element allowed. */
  public static <E> TypeSerializer<Set<E>> setOf(TypeSerializer<E> elements) {
    return new SetSerializer<>(elements);
  }

  /** Enum constants by position; the snapshot keeps their names so that the enum can be reordered. */
  public static <E extends Enum<E>> TypeSerializer<E> enumOf(Class<E> type) {
    return new EnumSerializer<>(type);
  }

  /** {@code serializer} plus a null marker, for types whose serializer cannot write null. */
  public static <T> TypeSerializer<T> nullable(TypeSerializer<T> serializer) {
    return serializer instanceof NullableSerializer<T> ? serializer : new NullableSerializer<>(serializer);
  }

  /** Pairs, e.g. {@code tuple2(Types.STRING, Types.LONG)} for (word, count). */
  public static <A, B> TypeSerializer<Tuple2<A, B>> tuple2(TypeSerializer<A> f0, TypeSerializer<B> f1) {
    return new Tuple2Serializer<>(f0, f1);
  }

  /**
   * The serializer for a class, looked up once when the graph is built, never per record: a basic type
   * (boxed or primitive, String, byte[], long[], int[], double[], String[]); else the serializer generated
   * for a {@link GenerateSerializer} type (see {@link GenerateSerializer} for the naming convention); else
   * an enum.
   *
   * @throws MissingSerializerException naming the type and how to give it a serializer
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T> TypeSerializer<T> of(Class<T> type) {
    TypeSerializer<?> basic = BASIC.get(type);
    if (basic != null) {
      return (TypeSerializer<T>) basic;
    }
    if (type.isAnnotationPresent(GenerateSerializer.class)) {
      return GeneratedSerializers.load(type);
    }
    if (type.isEnum()) {
      return new EnumSerializer(type);
    }
    if (type.getSuperclass() != null && type.getSuperclass().isEnum()) {
      // the class of a constant with a body, e.g. Op.PLUS.getClass(): serialize as its enum
      return new EnumSerializer(type.getSuperclass());
    }
    throw new MissingSerializerException(missingMessage(type));
  }

  static String missingMessage(Class<?> type) {
    if (type.isRecord()) {
      return "no serializer for record type " + type.getName()
          + ": annotate it with @io.rivulet.api.serialization.GenerateSerializer (and compile with the annotation"
          + " processor rivulet-codegen), or pass a TypeSerializer explicitly, e.g. .returns(mySerializer)";
    }
    if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
      return "no serializer for type " + type.getName()
          + ": a Class does not tell the element types; use Types.listOf(..), Types.setOf(..) or"
          + " Types.mapOf(.., ..) with the element serializers, e.g. .returns(Types.listOf(Types.STRING))";
    }
    return "no serializer for type " + type.getName()
        + ": annotate it with @io.rivulet.api.serialization.GenerateSerializer (records and POJOs with a"
        + " no-argument constructor), or pass a TypeSerializer explicitly, e.g. .returns(mySerializer)";
  }
}
