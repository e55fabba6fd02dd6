package io.rivulet.codegen;

import io.rivulet.codegen.TypeModel.FieldModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Checks that an annotated type can get a generated serializer and describes it as a {@link TypeModel}.
 * Every problem is reported as a compile error on the element it is about (the type, its constructor, a
 * field); a type with any error gets no serializer.
 */
final class TypeAnalyzer {
  private final Messager messager;
  private final Elements elements;
  private final Types types;
  private final FieldTypes fieldTypes = new FieldTypes();
  private boolean failed;
  private boolean unresolved;

  TypeAnalyzer(Messager messager, Elements elements, Types types) {
    this.messager = messager;
    this.elements = elements;
    this.types = types;
  }

  /**
   * The outcome for one type: a model, or none because an error was reported, or none because a field's
   * type is not resolved yet (it may be generated later in this compilation).
   */
  record Result(TypeModel model, boolean unresolved) {}

  Result analyze(TypeElement type) {
    failed = false;
    unresolved = false;
    checkShape(type);
    if (failed) {
      return new Result(null, false);
    }
    boolean isRecord = type.getKind() == ElementKind.RECORD;
    List<FieldModel> fields = isRecord ? recordFields(type) : pojoFields(type);
    if (failed || unresolved) {
      return new Result(null, unresolved && !failed);
    }
    boolean immutable = isRecord && fields.stream().allMatch(f -> f.type().immutable());
    return new Result(new TypeModel(Names.packageName(type), type.getQualifiedName().toString(),
        Names.serializerSimpleName(type), isRecord, fields, immutable), false);
  }

  private void checkShape(TypeElement type) {
    ElementKind kind = type.getKind();
    if (kind == ElementKind.ENUM) {
      error(type, "@GenerateSerializer is not needed on enums: Types.of(..) and generated serializers handle"
          + " enums already (Types.enumOf)");
      return;
    }
    if (kind != ElementKind.RECORD && kind != ElementKind.CLASS) {
      error(type, "@GenerateSerializer applies to records and classes, not to " + kind.toString().toLowerCase());
      return;
    }
    if (!type.getTypeParameters().isEmpty()) {
      error(type, "@GenerateSerializer does not support generic types: " + type.getSimpleName()
          + " has type parameters " + type.getTypeParameters());
    }
    if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
      error(type, "@GenerateSerializer needs a top-level or member type; local classes cannot be named by"
          + " the generated serializer");
      return;
    }
    for (Element e = type; e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        error(type, "@GenerateSerializer needs a type the generated serializer in the same package can reach, but "
            + e.getSimpleName() + " is private");
      }
    }
    if (kind == ElementKind.CLASS) {
      checkPojoClass(type);
    }
  }

  private void checkPojoClass(TypeElement type) {
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      error(type, "@GenerateSerializer needs a concrete class: " + type.getSimpleName() + " is abstract");
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
      error(type, "@GenerateSerializer needs a static nested class: inner class " + type.getSimpleName()
          + " can only be created with an instance of its enclosing class");
    }
    Optional<ExecutableElement> noArg = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .filter(c -> c.getParameters().isEmpty()).findFirst();
    if (noArg.isEmpty()) {
      error(type, "@GenerateSerializer needs a public no-argument constructor in " + type.getSimpleName()
          + " (or make it a record)");
    } else if (!noArg.get().getModifiers().contains(Modifier.PUBLIC)) {
      error(noArg.get(), "@GenerateSerializer needs the no-argument constructor of " + type.getSimpleName()
          + " to be public");
    }
  }

  private List<FieldModel> recordFields(TypeElement type) {
    List<FieldModel> fields = new ArrayList<>();
    for (RecordComponentElement c : type.getRecordComponents()) {
      FieldType t = fieldType(positioned(c, type), c.asType(), type);
      if (t != null) {
        String name = c.getSimpleName().toString();
        fields.add(new FieldModel(name, t, "value." + c.getAccessor().getSimpleName() + "()", null));
      }
    }
    return fields;
  }

  /**
   * The element to report a record component's problems on: javac 17 gives the component itself no source
   * position, but the record's implicit private field has the component's declaration as its position.
   */
  private static Element positioned(RecordComponentElement c, TypeElement record) {
    for (VariableElement f : ElementFilter.fieldsIn(record.getEnclosedElements())) {
      if (f.getSimpleName().equals(c.getSimpleName())) {
        return f;
      }
    }
    return c;
  }

  /** Fields of the class and its superclasses, superclass fields first; each reached directly or by accessors. */
  private List<FieldModel> pojoFields(TypeElement type) {
    Deque<TypeElement> hierarchy = new ArrayDeque<>();
    for (TypeElement t = type; t != null; t = FieldTypes.superclass(t)) {
      hierarchy.push(t);
    }
    List<? extends Element> members = elements.getAllMembers(type);
    Set<String> names = new HashSet<>();
    List<FieldModel> fields = new ArrayList<>();
    for (TypeElement t : hierarchy) {
      for (VariableElement f : ElementFilter.fieldsIn(t.getEnclosedElements())) {
        if (!FieldTypes.isSerializedField(f)) {
          continue;
        }
        String name = f.getSimpleName().toString();
        if (!names.add(name)) {
          error(f, "field '" + name + "' hides a field of the same name in a superclass; generated serializers"
              + " name fields uniquely, rename one of them");
          continue;
        }
        FieldType ft = fieldType(f, f.asType(), type);
        if (ft != null) {
          FieldModel m = pojoField(f, ft, members);
          if (m != null) {
            fields.add(m);
          }
        }
      }
    }
    return fields;
  }

  private FieldModel pojoField(VariableElement f, FieldType ft, List<? extends Element> members) {
    String name = f.getSimpleName().toString();
    if (f.getModifiers().contains(Modifier.FINAL)) {
      error(f, "field '" + name + "' is final, so it cannot be set after the no-argument constructor; make it"
          + " non-final, mark it transient, or make the type a record");
      return null;
    }
    if (f.getModifiers().contains(Modifier.PUBLIC)) {
      return new FieldModel(name, ft, "value." + name, "result." + name + " = %s");
    }
    String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    boolean isBoolean = f.asType().getKind() == TypeKind.BOOLEAN;
    ExecutableElement getter = accessor(members, "get" + cap, f.asType(), false);
    if (getter == null && isBoolean) {
      getter = accessor(members, "is" + cap, f.asType(), false);
    }
    ExecutableElement setter = accessor(members, "set" + cap, f.asType(), true);
    if (getter == null || setter == null) {
      List<String> missing = new ArrayList<>();
      if (getter == null) {
        missing.add("getter get" + cap + "()" + (isBoolean ? " or is" + cap + "()" : ""));
      }
      if (setter == null) {
        missing.add("setter set" + cap + "(" + f.asType() + ")");
      }
      error(f, "field '" + name + "' is not public and has no public " + String.join(" and no public ", missing)
          + "; make it public, add the accessors, or mark it transient");
      return null;
    }
    return new FieldModel(name, ft, "value." + getter.getSimpleName() + "()",
        "result." + setter.getSimpleName() + "(%s)");
  }

  private ExecutableElement accessor(List<? extends Element> members, String name, TypeMirror type, boolean setter) {
    for (ExecutableElement m : ElementFilter.methodsIn(members)) {
      if (!m.getSimpleName().contentEquals(name) || !m.getModifiers().contains(Modifier.PUBLIC)
          || m.getModifiers().contains(Modifier.STATIC)) {
        continue;
      }
      if (setter && m.getParameters().size() == 1 && types.isSameType(m.getParameters().get(0).asType(), type)) {
        return m;
      }
      if (!setter && m.getParameters().isEmpty() && types.isSameType(m.getReturnType(), type)) {
        return m;
      }
    }
    return null;
  }

  private FieldType fieldType(Element field, TypeMirror type, TypeElement owner) {
    try {
      return fieldTypes.map(type, owner);
    } catch (FieldTypes.UnsupportedTypeException e) {
      error(field, "field '" + field.getSimpleName() + "' of " + owner.getSimpleName() + ": " + e.getMessage());
    } catch (FieldTypes.UnresolvedTypeException e) {
      unresolved = true;
    }
    return null;
  }

  private void error(Element element, String message) {
    failed = true;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element);
  }
}
