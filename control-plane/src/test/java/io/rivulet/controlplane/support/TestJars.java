package io.rivulet.controlplane.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Packs compiled test classes into a real JAR, the way a user's build would. */
public final class TestJars {
  private TestJars() {}

  /**
   * A JAR at {@code target/test-jars/<name>} holding {@code classes} (with their nested classes), and a manifest
   * with {@code mainClass} as Main-Class (none when null).
   */
  public static Path build(String name, Class<?> mainClass, Class<?>... classes) throws IOException {
    Path out = Path.of("target", "test-jars", name);
    Files.createDirectories(out.getParent());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (mainClass != null) {
      manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
    }
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out), manifest)) {
      for (Class<?> c : classes) {
        Path root = classesRoot(c);
        String dir = c.getPackageName().replace('.', '/');
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root.resolve(dir), c.getSimpleName() + "*.class")) {
          for (Path f : files) {
            String simple = f.getFileName().toString();
            if (!simple.equals(c.getSimpleName() + ".class") && !simple.startsWith(c.getSimpleName() + "$")) {
              continue;
            }
            jar.putNextEntry(new JarEntry(dir + "/" + simple));
            jar.write(Files.readAllBytes(f));
            jar.closeEntry();
          }
        }
      }
    }
    return out;
  }

  /** A file of {@code size} bytes that is a valid JAR padded with an incompressible stored entry. */
  public static Path padded(String name, Class<?> mainClass, int size) throws IOException {
    Path jar = build(name, mainClass, mainClass);
    byte[] pad = new byte[size];
    new java.util.Random(42).nextBytes(pad);
    Path out = jar.resolveSibling("padded-" + name);
    try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(out));
        java.util.jar.JarFile in = new java.util.jar.JarFile(jar.toFile())) {
      for (var e = in.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        j.putNextEntry(new JarEntry(entry.getName()));
        in.getInputStream(entry).transferTo(j);
        j.closeEntry();
      }
      j.putNextEntry(new JarEntry("padding.bin"));
      j.write(pad);
      j.closeEntry();
    }
    return out;
  }

  /** A file with the given bytes, e.g. a text file posing as a JAR. */
  public static Path file(String name, byte[] content) throws IOException {
    Path out = Path.of("target", "test-jars", name);
    Files.createDirectories(out.getParent());
    try (OutputStream o = Files.newOutputStream(out)) {
      o.write(content);
    }
    return out;
  }

  private static Path classesRoot(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
