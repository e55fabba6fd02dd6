package io.rivulet.codegen;

import io.rivulet.api.serialization.GenerateSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles sources with the processor in this JVM, as a user's build would, to check its output and its errors. */
final class TestCompiler {
  private TestCompiler() {}

  record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, Path classes) {
    List<Diagnostic<? extends JavaFileObject>> errors() {
      return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    }

    /** The one error whose message contains {@code fragment}. */
    Diagnostic<? extends JavaFileObject> error(String fragment) {
      List<Diagnostic<? extends JavaFileObject>> matching =
          errors().stream().filter(d -> d.getMessage(null).contains(fragment)).toList();
      if (matching.size() != 1) {
        throw new AssertionError("expected one error containing '" + fragment + "' but got: " + describe());
      }
      return matching.get(0);
    }

    /** The source line an error points at, to check it names the offending element. */
    String lineOf(Diagnostic<? extends JavaFileObject> d) {
      try {
        return d.getSource().getCharContent(true).toString().split("\n", -1)[(int) d.getLineNumber() - 1];
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String describe() {
      return diagnostics.stream().map(d -> d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(null))
          .collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    URLClassLoader loader() {
      try {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, TestCompiler.class.getClassLoader());
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Compiles {@code sources} (path like {@code shop/Order.java} → code) into {@code dir}/classes. */
  static Result compile(Path dir, Map<String, String> sources) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path src = Files.createDirectories(dir.resolve("src"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      files.add(file);
    }
    try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      List<String> options = List.of("-d", classes.toString(), "-s", generated.toString(),
          "-classpath", apiClasses().toString(), "-Xlint:all", "-Xlint:-processing", "-Werror");
      JavaCompiler.CompilationTask task =
          compiler.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files));
      task.setProcessors(List.of(new SerializerProcessor()));
      boolean ok = task.call();
      return new Result(ok, diagnostics.getDiagnostics(), classes);
    }
  }

  /** Where the api classes are (a directory in the reactor build, a jar elsewhere). */
  private static Path apiClasses() {
    try {
      return Path.of(GenerateSerializer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
