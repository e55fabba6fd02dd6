package io.rivulet.codegen;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * The naming convention shared with {@code io.rivulet.api.serialization.Types#of}: the generated class
 * sits in the type's package and is named after the nesting chain joined by {@code _}, plus
 * {@code _RivuletSerializer} ({@code pkg.Outer.Inner} → {@code pkg.Outer_Inner_RivuletSerializer}).
 */
final class Names {
  static final String SUFFIX = "_RivuletSerializer";

  private Names() {}

  static String serializerSimpleName(TypeElement type) {
    StringBuilder name = new StringBuilder(type.getSimpleName());
    for (Element e = type.getEnclosingElement(); e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
      name.insert(0, '_').insert(0, e.getSimpleName());
    }
    return name + SUFFIX;
  }

  static String packageName(TypeElement type) {
    Element e = type;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return ((PackageElement) e).getQualifiedName().toString();
  }

  /** The generated serializer's qualified name, for references from other generated code. */
  static String serializerQualifiedName(TypeElement type) {
    String pkg = packageName(type);
    return (pkg.isEmpty() ? "" : pkg + ".") + serializerSimpleName(type);
  }
}
