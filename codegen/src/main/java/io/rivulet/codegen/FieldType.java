package io.rivulet.codegen;

/**
 * How one declared type is written, as pieces of generated Java source.
 *
 * @param shape how null and inlining are handled, see {@link Shape}
 * @param javaType the type as written in source and in the snapshot signature, e.g. {@code int},
 *     {@code java.util.List<java.lang.String>}
 * @param serializer an expression of a serializer for non-null values of the type (a basic constant,
 *     {@code Types.listOf(..)}, a generated {@code INSTANCE}, ...)
 * @param immutable whether values never change after construction (so a copy may share them)
 * @param primitiveIo for {@link Shape#PRIMITIVE}: the suffix of the DataOutputView/DataInputView method
 *     pair ({@code Int} → writeInt/readInt), else null
 */
record FieldType(Shape shape, String javaType, String serializer, boolean immutable, String primitiveIo) {
  static final String TYPES = "io.rivulet.api.serialization.Types";

  enum Shape {
    /** Written inline with writeX/readX, never null, no serializer object on the normal path. */
    PRIMITIVE,
    /** Written inline with writeString/readString, which carries its own null marker. */
    STRING,
    /** A serializer that writes null itself in its length prefix (arrays, collections). */
    NULL_CAPABLE,
    /** A serializer that cannot write null, wrapped in Types.nullable for fields (boxes, enums, generated types). */
    NEEDS_NULL_MARKER
  }

  /** The serializer of a field of this type, null-safe: the encoding the generated code writes for the field. */
  String fieldSerializer() {
    return shape == Shape.NEEDS_NULL_MARKER ? TYPES + ".nullable(" + serializer + ")" : serializer;
  }

  /** Whether the generated class keeps a static serializer for this field (everything not inlined). */
  boolean needsSerializerField() {
    return shape == Shape.NULL_CAPABLE || shape == Shape.NEEDS_NULL_MARKER;
  }

  /** The Java default of an absent field, as a source expression of this type. */
  String defaultValue() {
    if (shape != Shape.PRIMITIVE) {
      return "null";
    }
    // literals of the exact type: a cast on them would be flagged as redundant under -Xlint
    return switch (javaType) {
      case "boolean" -> "false";
      case "int" -> "0";
      case "long" -> "0L";
      case "float" -> "0.0f";
      case "double" -> "0.0";
      case "char" -> "'\\0'";
      default -> "(" + javaType + ") 0"; // byte, short: no literal of their own
    };
  }
}
