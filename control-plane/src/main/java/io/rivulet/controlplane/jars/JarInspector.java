package io.rivulet.controlplane.jars;

import io.rivulet.controlplane.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** Checks that a file is a JAR a job can come from, and reads its entry class. */
final class JarInspector {
  /** "PK\3\4": every non-empty ZIP (and so every JAR) starts with a local file header. */
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  private JarInspector() {}

  /**
   * Checks {@code file} (uploaded as {@code name}): a ZIP signature, readable as a JAR, a readable manifest if it
   * has one, and at least one class.
   *
   * @throws ApiException 400 naming the problem
   */
  static void validate(Path file, String name) {
    byte[] head = new byte[4];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, 4);
    } catch (IOException e) {
      throw ApiException.badRequest("cannot read the upload '" + name + "': " + e.getMessage());
    }
    if (read < 4 || head[0] != ZIP_MAGIC[0] || head[1] != ZIP_MAGIC[1] || head[2] != ZIP_MAGIC[2]
        || head[3] != ZIP_MAGIC[3]) {
      throw ApiException.badRequest("'" + name + "' is not a JAR: it does not start with the ZIP signature"
          + " 'PK\\3\\4' (" + (read == 0 ? "the file is empty" : "it starts with " + hex(head, read)) + ")");
    }
    try (JarFile jar = new JarFile(file.toFile(), false)) {
      Manifest manifest = jar.getManifest(); // throws on a malformed manifest
      boolean hasClass = false;
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        if (e.nextElement().getName().endsWith(".class")) {
          hasClass = true;
          break;
        }
      }
      if (!hasClass) {
        throw ApiException.badRequest("'" + name + "' is a ZIP file but contains no .class files, so no job can"
            + " come from it");
      }
      if (manifest != null && manifest.getMainAttributes().getValue(Attributes.Name.MANIFEST_VERSION) == null
          && !manifest.getMainAttributes().isEmpty()) {
        throw ApiException.badRequest("the manifest of '" + name + "' (META-INF/MANIFEST.MF) has no Manifest-Version");
      }
    } catch (IOException e) {
      throw ApiException.badRequest("'" + name + "' is not a readable JAR: " + e.getMessage());
    }
  }

  /** The manifest's Main-Class, or null. */
  static String mainClass(Path file) {
    try (JarFile jar = new JarFile(file.toFile(), false)) {
      Manifest m = jar.getManifest();
      String main = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
      return main == null || main.isBlank() ? null : main.trim();
    } catch (IOException e) {
      return null; // validated at upload; a file damaged since then fails again when run
    }
  }

  private static String hex(byte[] b, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(String.format("%02x", b[i] & 0xff));
    }
    return "0x" + sb;
  }
}
