package io.rivulet.codegen;

import java.util.List;

/**
 * What the generator needs to know about one annotated type, after analysis found no error.
 *
 * @param packageName the package of the type and of the generated class ("" for the unnamed package)
 * @param typeName the type's canonical name, as used in source
 * @param serializerSimpleName the generated class's simple name, see {@link Names}
 * @param isRecord records are built through their canonical constructor, POJOs through setters
 * @param fields in write order: record components in order, POJO fields superclass first
 * @param immutable whether copy() may return its argument
 */
record TypeModel(String packageName, String typeName, String serializerSimpleName, boolean isRecord,
    List<FieldModel> fields, boolean immutable) {

  /**
   * One field and how the generated code reaches it.
   *
   * @param getter the source that reads the field from a variable named {@code value}, e.g. {@code value.x()}
   * @param setter for POJOs, the source that assigns {@code %s} on a variable named {@code result}, e.g.
   *     {@code result.setX(%s)}; null for records
   */
  record FieldModel(String name, FieldType type, String getter, String setter) {
    String get(String variable) {
      return getter.replaceFirst("^value\\.", variable + ".");
    }

    String set(String variable, String expression) {
      return setter.replaceFirst("^result\\.", variable + ".").replace("%s", expression);
    }
  }
}
