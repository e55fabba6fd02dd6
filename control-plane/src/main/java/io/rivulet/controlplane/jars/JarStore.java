package io.rivulet.controlplane.jars;

import io.rivulet.controlplane.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Uploaded JARs as files {@code <directory>/<uuid>_<name>.jar}; the file name is the JAR's id, as in Flink.
 * Thread-safe: every upload gets a fresh name, and the directory listing is the only index.
 */
public final class JarStore {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_[A-Za-z0-9._-]+\\.jar");

  private final Path directory;
  private final long maxSize;

  public JarStore(Path directory, long maxSize) {
    this.directory = directory;
    this.maxSize = maxSize;
  }

  public Path directory() {
    return directory;
  }

  /** SHA-256 of a stored JAR in hex: task runtimes check the JAR they download against it. */
  public String sha256(String id) {
    try (var in = java.nio.file.Files.newInputStream(path(id))) {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
      }
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read JAR " + id, e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Checks and keeps an upload.
   *
   * @param upload the uploaded bytes (a temporary file that the caller deletes)
   * @param fileName the name it was uploaded with
   * @throws ApiException 413 above the size limit, 400 when it is not a JAR
   */
  public JarInfo store(Path upload, String fileName, long size) {
    if (size > maxSize) {
      throw new ApiException(413, "'" + fileName + "' is " + size + " bytes, above the limit of " + maxSize
          + " bytes (rivulet.jars.max-size)");
    }
    String name = sanitize(fileName);
    JarInspector.validate(upload, name);
    String id = UUID.randomUUID() + "_" + name;
    try {
      Files.createDirectories(directory);
      Path tmp = directory.resolve(id + ".part");
      Files.copy(upload, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, directory.resolve(id), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the JAR in " + directory, e);
    }
    return info(directory.resolve(id));
  }

  /** Newest first, like Flink's list. */
  public List<JarInfo> list() {
    List<JarInfo> jars = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return jars;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.jar")) {
      for (Path f : files) {
        if (ID.matcher(f.getFileName().toString()).matches()) {
          jars.add(info(f));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list JARs in " + directory, e);
    }
    jars.sort(Comparator.comparingLong(JarInfo::uploaded).reversed().thenComparing(JarInfo::id));
    return jars;
  }

  /** The JAR's file. @throws ApiException 404 for an unknown id */
  public Path path(String id) {
    // ids are checked against the pattern before touching the file system: no "../" can get through
    Path p = id != null && ID.matcher(id).matches() ? directory.resolve(id) : null;
    if (p == null || !Files.isRegularFile(p)) {
      throw ApiException.notFound("jar '" + id + "' not found: GET /v1/jars lists the uploaded JARs");
    }
    return p;
  }

  public JarInfo get(String id) {
    return info(path(id));
  }

  public void delete(String id) {
    Path p = path(id);
    try {
      // a job running from this JAR keeps its open class loader; on Linux the deleted file stays readable to it
      Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + p, e);
    }
  }

  private static JarInfo info(Path f) {
    String id = f.getFileName().toString();
    long uploaded;
    try {
      uploaded = Files.getLastModifiedTime(f).toMillis();
    } catch (IOException e) {
      uploaded = 0;
    }
    String main = JarInspector.mainClass(f);
    return new JarInfo(id, id.substring(id.indexOf('_') + 1), uploaded, main == null ? List.of() : List.of(main));
  }

  /** Keeps the file name only, in a safe alphabet, ending in .jar. */
  static String sanitize(String fileName) {
    String base = fileName == null ? "" : fileName.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
    if (base.isEmpty() || base.startsWith(".")) {
      base = "job" + base;
    }
    if (base.length() > 100) {
      base = base.substring(base.length() - 100);
    }
    return base.endsWith(".jar") ? base : base + ".jar";
  }
}
