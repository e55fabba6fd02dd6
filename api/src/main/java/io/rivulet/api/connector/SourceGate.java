package io.rivulet.api.connector;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A condition that a held source waits for ({@link GeneratorSource#holdAt}): until it is open, the source emits
 * nothing past its hold point, while its task goes on taking checkpoints, emitting watermarks and latency markers
 * and firing timers. Tests use it to make something happen before the input moves on or ends (a checkpoint, a
 * marker, a kill) instead of hoping it happens in time.
 *
 * <p>{@link #isOpen()} is asked by the source's task thread between polls (about once a millisecond while held),
 * so it must be cheap and must never block.
 */
@FunctionalInterface
public interface SourceGate extends Serializable {
  boolean isOpen();

  /** Open once {@code file} exists: a gate that works across processes (a test creates the file). */
  static SourceGate whenFileExists(Path file) {
    return new FileGate(file.toAbsolutePath().toString());
  }

  /** Open once the file exists; the path as a string, since {@link Path} is not Serializable. */
  record FileGate(String path) implements SourceGate {
    @Override
    public boolean isOpen() {
      return Files.exists(Path.of(path));
    }
  }

  /** A new gate in this JVM, opened by {@link Latch#open()}; for jobs run by the embedded executor. */
  static Latch latch() {
    return new Latch(UUID.randomUUID().toString());
  }

  /**
   * A gate that opens once and stays open, known JVM-wide by its id (the source's copy is a deserialized copy of
   * the test's, so the state cannot live in the object).
   */
  final class Latch implements SourceGate {
    private static final long serialVersionUID = 1L;
    private static final Set<String> OPEN = ConcurrentHashMap.newKeySet();

    private final String id;

    private Latch(String id) {
      this.id = id;
    }

    public void open() {
      OPEN.add(id);
    }

    @Override
    public boolean isOpen() {
      return OPEN.contains(id);
    }

    @Override
    public String toString() {
      return "latch " + id + (isOpen() ? " (open)" : " (closed)");
    }
  }
}
