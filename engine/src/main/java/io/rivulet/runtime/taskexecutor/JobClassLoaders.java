package io.rivulet.runtime.taskexecutor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The class loaders of the jobs deployed in this runtime, one per JAR (by SHA-256), shared by every attempt
 * and job that uses the same JAR and closed (JAR deleted) when the last of them released it. Thread-safe.
 */
public final class JobClassLoaders implements AutoCloseable {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  /** A use of a class loader; {@link #close()} gives it back. */
  public interface Lease extends AutoCloseable {
    ClassLoader classLoader();

    /**
     * The loader that defines the job's own classes, which its graph may hold (see
     * {@link io.rivulet.runtime.serialization.JobGraphFilter}): its JAR's; for a job without a JAR, the runtime's own loader
     * when the graph comes from a job master in this JVM, else null (a graph of built-ins only).
     */
    default ClassLoader jobClasses() {
      return classLoader();
    }

    /** Releases this use; idempotent. */
    @Override
    void close();
  }

  private final Path jarDirectory;
  private final ClassLoader parent;
  /** Jobs without a JAR are built in this JVM from the parent's classes (an embedded runtime), not sent from afar. */
  private final boolean builtHere;
  private final JarFetcher fetcher;
  /** Guarded by {@code this}. */
  private final Map<String, Entry> entries = new HashMap<>();

  /**
   * @param acceptFileUrls JARs may come from {@code file:} URLs (a runtime in the control plane's own JVM)
   * @param builtHere jobs without a JAR come from a job master in this JVM, so their graphs may hold any class of
   *     {@code parent} (the application's, in an embedded run); otherwise only Rivulet's built-ins
   */
  public JobClassLoaders(Path jarDirectory, ClassLoader parent, boolean acceptFileUrls, boolean builtHere) {
    this.fetcher = new JarFetcher(acceptFileUrls);
    this.builtHere = builtHere;
    this.jarDirectory = jarDirectory;
    this.parent = parent;
    try {
      Files.createDirectories(jarDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create JAR directory " + jarDirectory, e);
    }
  }

  /** For jobs made of built-in operators only: the runtime's own class loader, nothing to release. */
  public Lease builtIn() {
    return new Lease() {
      @Override
      public ClassLoader classLoader() {
        return parent;
      }

      @Override
      public ClassLoader jobClasses() {
        return builtHere ? parent : null;
      }

      @Override
      public void close() {}
    };
  }

  /**
   * The class loader of the JAR with this SHA-256, downloading it from {@code url} if no deployed job uses it
   * yet.
   *
   * @throws JarChecksumException when the download does not match {@code sha256}
   */
  public Lease acquire(String url, String sha256) throws IOException {
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("jar_sha256 must be 64 hex digits, was '" + sha256 + "'");
    }
    String key = sha256.toLowerCase();
    Entry entry;
    synchronized (this) {
      entry = entries.computeIfAbsent(key, Entry::new);
      entry.users++;
    }
    try {
      return new EntryLease(entry, entry.load(url));
    } catch (IOException | RuntimeException e) {
      release(entry);
      throw e;
    }
  }

  /** JARs with at least one user (for status and tests). */
  public synchronized int cached() {
    return entries.size();
  }

  private void release(Entry entry) {
    synchronized (this) {
      if (--entry.users > 0) {
        return;
      }
      entries.remove(entry.sha256);
      // under the lock, so that a new download of the same JAR cannot start before this one is deleted
      entry.unload();
    }
  }

  @Override
  public synchronized void close() {
    entries.values().forEach(Entry::unload);
    entries.clear();
  }

  /** One JAR and its loader. {@code users} is guarded by the enclosing instance, the rest by the entry. */
  private final class Entry {
    final String sha256;
    int users;
    private JobClassLoader loader;

    Entry(String sha256) {
      this.sha256 = sha256;
    }

    synchronized ClassLoader load(String url) throws IOException {
      if (loader == null) {
        Path jar = jarPath();
        fetcher.fetch(url, sha256, jar);
        loader = new JobClassLoader("job-" + sha256.substring(0, 12), jar, parent);
      }
      return loader;
    }

    synchronized void unload() {
      try {
        if (loader != null) {
          loader.close();
          loader = null;
        }
        Files.deleteIfExists(jarPath());
      } catch (IOException e) {
        System.getLogger(JobClassLoaders.class.getName()).log(System.Logger.Level.WARNING,
            "could not remove job JAR " + jarPath(), e);
      }
    }

    private Path jarPath() {
      return jarDirectory.resolve(sha256 + ".jar");
    }
  }

  private final class EntryLease implements Lease {
    private final Entry entry;
    private final ClassLoader loader;
    private boolean released;

    EntryLease(Entry entry, ClassLoader loader) {
      this.entry = entry;
      this.loader = loader;
    }

    @Override
    public ClassLoader classLoader() {
      return loader;
    }

    @Override
    public void close() {
      synchronized (this) {
        if (released) {
          return;
        }
        released = true;
      }
      release(entry);
    }
  }
}
