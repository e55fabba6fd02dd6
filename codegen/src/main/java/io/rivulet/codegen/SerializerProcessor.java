package io.rivulet.codegen;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Generates a {@code TypeSerializer} for every record or POJO annotated with
 * {@code @io.rivulet.api.serialization.GenerateSerializer}: straight-line code, no reflection, so that
 * {@code Types.of(..)} finds a fast serializer at graph-build time. Unsupported shapes are compile errors on
 * the offending element; see {@link TypeAnalyzer}.
 */
public final class SerializerProcessor extends AbstractProcessor {
  /** Types whose fields named a type not generated yet (by another processor): retried next round. */
  private final Set<String> deferred = new LinkedHashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(FieldTypes.ANNOTATION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement annotation = processingEnv.getElementUtils().getTypeElement(FieldTypes.ANNOTATION);
    if (annotation == null) {
      return false;
    }
    TypeAnalyzer analyzer = new TypeAnalyzer(processingEnv.getMessager(), processingEnv.getElementUtils(),
        processingEnv.getTypeUtils());
    Set<TypeElement> todo = new LinkedHashSet<>();
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        todo.add(type);
      }
    }
    deferred.clear();
    for (Element element : round.getElementsAnnotatedWith(annotation)) {
      if (element instanceof TypeElement type) { // the annotation's @Target only allows types
        todo.add(type);
      }
    }
    for (TypeElement type : todo) {
      TypeAnalyzer.Result result = analyzer.analyze(type);
      if (result.model() != null) {
        generate(result.model(), type);
      } else if (result.unresolved() && !round.processingOver()) {
        deferred.add(type.getQualifiedName().toString());
      }
      // unresolved in the last round: javac reports the missing type itself
    }
    return true;
  }

  private void generate(TypeModel model, TypeElement type) {
    String name = (model.packageName().isEmpty() ? "" : model.packageName() + ".") + model.serializerSimpleName();
    try {
      JavaFileObject file = processingEnv.getFiler().createSourceFile(name, type);
      try (Writer w = file.openWriter()) {
        w.write(SerializerWriter.write(model));
      }
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "cannot write generated serializer " + name + ": " + e.getMessage()
              + " (another type may map to the same generated name, see GenerateSerializer)", type);
    }
  }
}
