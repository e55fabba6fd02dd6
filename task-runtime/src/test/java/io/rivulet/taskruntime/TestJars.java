package io.rivulet.taskruntime;

import io.rivulet.api.functions.MapFunction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Job JARs made at test time: Java sources compiled against the API with the JDK's compiler, packed with
 * {@code java.util.jar}. Two JARs can then hold different classes under the same name, as two unrelated jobs
 * would.
 */
public final class TestJars {
  private TestJars() {}

  /** Compiles {@code sources} (class name → source) and packs the classes into {@code jar}. */
  public static Path build(Path jar, Map<String, String> sources) throws IOException {
    Path src = Files.createTempDirectory(jar.getParent(), "src");
    Path classes = Files.createTempDirectory(jar.getParent(), "classes");
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", apiClassPath(), "--release", "17"));
    try (Stream<Path> files = Files.walk(src)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    if (javac.run(null, null, errors, args.toArray(String[]::new)) != 0) {
      throw new IllegalStateException("test job did not compile: " + errors);
    }
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  /** Adds an entry with the given bytes to a JAR built before. */
  public static void append(Path jar, String entry, byte[] bytes) throws IOException {
    Path copy = Files.createTempFile(jar.getParent(), "jar", ".tmp");
    try (JarInputStream in = new JarInputStream(Files.newInputStream(jar));
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy))) {
      for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
        out.putNextEntry(new JarEntry(e.getName()));
        in.transferTo(out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry(entry));
      out.write(bytes);
      out.closeEntry();
    }
    Files.move(copy, jar, StandardCopyOption.REPLACE_EXISTING);
  }

  public static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  /** A map function class {@code demo.Transform} returning {@code expression} (a Java expression over {@code s}). */
  public static Map<String, String> transform(String expression) {
    return Map.of("demo.Transform", """
        package demo;

        public class Transform implements io.rivulet.api.functions.MapFunction<String, String> {
          @Override
          public String map(String s) {
            return %s;
          }
        }
        """.formatted(expression));
  }

  private static String apiClassPath() {
    try {
      return Path.of(MapFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
