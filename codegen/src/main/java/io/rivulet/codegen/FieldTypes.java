package io.rivulet.codegen;

import io.rivulet.codegen.FieldType.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/** Maps declared field types to {@link FieldType}s, or explains why a type is not supported. */
final class FieldTypes {
  static final String ANNOTATION = "io.rivulet.api.serialization.GenerateSerializer";
  private static final String T = FieldType.TYPES;

  /** Thrown with a message for the user when a type has no serializer. */
  static final class UnsupportedTypeException extends Exception {
    UnsupportedTypeException(String message) {
      super(message);
    }
  }

  /** A type the compiler could not resolve (yet): javac reports it itself, so nothing is generated or said. */
  static final class UnresolvedTypeException extends Exception {
    UnresolvedTypeException() {
      super(null, null, false, false);
    }
  }

  private final Map<String, Boolean> immutableTypes = new HashMap<>();

  /** A field's type; {@code owner} is the annotated type, to detect recursion through generated types. */
  FieldType map(TypeMirror type, TypeElement owner) throws UnsupportedTypeException, UnresolvedTypeException {
    switch (type.getKind()) {
      case BOOLEAN: return primitive("boolean", "Boolean", "BOOLEAN");
      case BYTE: return primitive("byte", "Byte", "BYTE");
      case SHORT: return primitive("short", "Short", "SHORT");
      case CHAR: return primitive("char", "Char", "CHAR");
      case INT: return primitive("int", "Int", "INT");
      case LONG: return primitive("long", "Long", "LONG");
      case FLOAT: return primitive("float", "Float", "FLOAT");
      case DOUBLE: return primitive("double", "Double", "DOUBLE");
      case ARRAY: return array((ArrayType) type);
      case DECLARED: return declared((DeclaredType) type, owner);
      case ERROR: throw new UnresolvedTypeException();
      case TYPEVAR: throw new UnsupportedTypeException("type variable " + type
          + " has no serializer: generic types are not supported, use concrete types");
      default: throw new UnsupportedTypeException("type " + type + " has no serializer");
    }
  }

  private static FieldType primitive(String name, String io, String constant) {
    return new FieldType(Shape.PRIMITIVE, name, T + "." + constant, true, io);
  }

  private static FieldType array(ArrayType type) throws UnsupportedTypeException {
    TypeMirror c = type.getComponentType();
    String constant = switch (c.getKind()) {
      case BYTE -> "BYTES";
      case LONG -> "LONG_ARRAY";
      case INT -> "INT_ARRAY";
      case DOUBLE -> "DOUBLE_ARRAY";
      case DECLARED -> qualifiedName(c).equals("java.lang.String") ? "STRING_ARRAY" : null;
      default -> null;
    };
    if (constant == null) {
      throw new UnsupportedTypeException("arrays of " + c + " are not supported (only byte[], long[], int[],"
          + " double[] and String[]); use a java.util.List<" + boxedName(c) + "> instead");
    }
    return new FieldType(Shape.NULL_CAPABLE, c + "[]", T + "." + constant, false, null);
  }

  private FieldType declared(DeclaredType type, TypeElement owner) throws UnsupportedTypeException,
      UnresolvedTypeException {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    String boxedConstant = BOXES.get(name);
    if (boxedConstant != null) {
      return new FieldType(Shape.NEEDS_NULL_MARKER, name, T + "." + boxedConstant, true, null);
    }
    switch (name) {
      case "java.lang.String":
        return new FieldType(Shape.STRING, name, T + ".STRING", true, null);
      case "java.util.List":
        return collection(type, owner, "listOf", name);
      case "java.util.Set":
        return collection(type, owner, "setOf", name);
      case "java.util.Map":
        return collection(type, owner, "mapOf", name);
      default:
        break;
    }
    if (element.getKind() == ElementKind.ENUM) {
      return new FieldType(Shape.NEEDS_NULL_MARKER, name, T + ".enumOf(" + name + ".class)", true, null);
    }
    if (isAnnotated(element)) {
      if (!element.getTypeParameters().isEmpty()) {
        throw new UnsupportedTypeException(name + " is generic; generic types are not supported");
      }
      if (reaches(element, owner, new HashSet<>())) {
        throw new UnsupportedTypeException("type " + name + " refers back to " + owner.getQualifiedName()
            + "; recursive types are not supported by generated serializers, write a TypeSerializer by hand");
      }
      return new FieldType(Shape.NEEDS_NULL_MARKER, name, Names.serializerQualifiedName(element) + ".INSTANCE",
          isImmutable(element), null);
    }
    if (name.startsWith("java.util.") && isCollectionLike(name)) {
      throw new UnsupportedTypeException("type " + name + " is not supported; declare the field as java.util.List,"
          + " java.util.Set or java.util.Map");
    }
    throw new UnsupportedTypeException("type " + name + " has no serializer; annotate " + name
        + " with @GenerateSerializer, or use a supported type (primitives and boxes, String, byte[], enums,"
        + " @GenerateSerializer types, List/Set/Map of these)");
  }

  private FieldType collection(DeclaredType type, TypeElement owner, String factory, String name)
      throws UnsupportedTypeException, UnresolvedTypeException {
    List<? extends TypeMirror> args = type.getTypeArguments();
    if (args.isEmpty()) {
      throw new UnsupportedTypeException("raw " + name + " is not supported; give its element type, e.g. "
          + name + "<String>");
    }
    List<String> javaArgs = new ArrayList<>();
    List<String> serializers = new ArrayList<>();
    for (TypeMirror arg : args) {
      if (arg.getKind() == TypeKind.WILDCARD) {
        throw new UnsupportedTypeException("wildcard " + arg + " in " + name + " is not supported; use a concrete type");
      }
      FieldType t = map(arg, owner);
      javaArgs.add(t.javaType());
      serializers.add(t.serializer());
    }
    String javaType = name + "<" + String.join(", ", javaArgs) + ">";
    return new FieldType(Shape.NULL_CAPABLE, javaType, T + "." + factory + "(" + String.join(", ", serializers) + ")",
        false, null);
  }

  /**
   * Whether a generated type can be shared rather than copied: a record whose fields are all of immutable
   * types. Only meaningful for types without recursion (checked before).
   */
  boolean isImmutable(TypeElement type) {
    String key = type.getQualifiedName().toString();
    Boolean known = immutableTypes.get(key);
    if (known != null) {
      return known;
    }
    immutableTypes.put(key, false); // guards against recursion while computing
    boolean immutable = type.getKind() == ElementKind.RECORD;
    if (immutable) {
      for (RecordComponentElement c : type.getRecordComponents()) {
        try {
          immutable &= map(c.asType(), type).immutable();
        } catch (UnsupportedTypeException | UnresolvedTypeException e) {
          immutable = false; // reported where that type itself is processed
        }
      }
    }
    immutableTypes.put(key, immutable);
    return immutable;
  }

  /** Whether {@code from}'s fields lead, through generated types and type arguments, to {@code target}. */
  private static boolean reaches(TypeElement from, TypeElement target, Set<String> seen) {
    if (from.equals(target)) {
      return true;
    }
    if (!seen.add(from.getQualifiedName().toString())) {
      return false;
    }
    for (TypeMirror t : fieldTypes(from)) {
      for (TypeElement e : annotatedTypesIn(t)) {
        if (reaches(e, target, seen)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The declared types of a record's components or of a class's serialized fields (superclasses included). */
  static List<TypeMirror> fieldTypes(TypeElement type) {
    List<TypeMirror> types = new ArrayList<>();
    if (type.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement c : type.getRecordComponents()) {
        types.add(c.asType());
      }
      return types;
    }
    for (TypeElement t = type; t != null; t = superclass(t)) {
      for (VariableElement f : ElementFilter.fieldsIn(t.getEnclosedElements())) {
        if (isSerializedField(f)) {
          types.add(f.asType());
        }
      }
    }
    return types;
  }

  static boolean isSerializedField(VariableElement f) {
    return !f.getModifiers().contains(Modifier.STATIC) && !f.getModifiers().contains(Modifier.TRANSIENT);
  }

  /** The superclass unless it is java.lang.Object (or there is none). */
  static TypeElement superclass(TypeElement type) {
    TypeMirror s = type.getSuperclass();
    if (s.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement e = (TypeElement) ((DeclaredType) s).asElement();
    return e.getQualifiedName().contentEquals("java.lang.Object") ? null : e;
  }

  private static List<TypeElement> annotatedTypesIn(TypeMirror t) {
    List<TypeElement> found = new ArrayList<>();
    if (t.getKind() == TypeKind.DECLARED) {
      DeclaredType d = (DeclaredType) t;
      TypeElement e = (TypeElement) d.asElement();
      if (isAnnotated(e)) {
        found.add(e);
      }
      for (TypeMirror arg : d.getTypeArguments()) {
        found.addAll(annotatedTypesIn(arg));
      }
    }
    return found;
  }

  static boolean isAnnotated(Element element) {
    return element.getAnnotationMirrors().stream()
        .anyMatch(a -> ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(ANNOTATION));
  }

  private static String qualifiedName(TypeMirror t) {
    return ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().toString();
  }

  private static boolean isCollectionLike(String name) {
    return name.endsWith("List") || name.endsWith("Set") || name.endsWith("Map") || name.endsWith("Collection")
        || name.endsWith("Queue") || name.endsWith("Deque");
  }

  private static String boxedName(TypeMirror t) {
    return switch (t.getKind()) {
      case BOOLEAN -> "Boolean";
      case BYTE -> "Byte";
      case SHORT -> "Short";
      case CHAR -> "Character";
      case INT -> "Integer";
      case LONG -> "Long";
      case FLOAT -> "Float";
      case DOUBLE -> "Double";
      default -> t.toString();
    };
  }

  private static final Map<String, String> BOXES = Map.of(
      "java.lang.Boolean", "BOOLEAN", "java.lang.Byte", "BYTE", "java.lang.Short", "SHORT",
      "java.lang.Character", "CHAR", "java.lang.Integer", "INT", "java.lang.Long", "LONG",
      "java.lang.Float", "FLOAT", "java.lang.Double", "DOUBLE");
}
