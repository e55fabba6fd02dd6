package io.rivulet.runtime.checkpoint;

import io.rivulet.runtime.state.FileStateHandle;
import io.rivulet.runtime.state.KeyGroupsStateHandle;
import io.rivulet.runtime.state.KeyedStateSnapshot;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoints on a filesystem path: {@code <root>/chk-<id>/} holds one file per (operator, subtask) with
 * its keyed state, and {@code _metadata}, written last (atomically, by rename), which makes the checkpoint
 * complete. A directory without {@code _metadata} is an unfinished checkpoint and is never restored.
 * Thread-safe: task I/O threads write state files, the coordinator writes metadata.
 */
public final class CheckpointStorage {
  public static final String METADATA = "_metadata";
  private final Path root;

  public CheckpointStorage(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create checkpoint directory " + root, e);
    }
  }

  public Path root() {
    return root;
  }

  public Path checkpointDirectory(long checkpointId) {
    return root.resolve("chk-" + checkpointId);
  }

  /** Writes a subtask's keyed state snapshot to its own file and describes where each key group starts. */
  public KeyGroupsStateHandle writeKeyedState(long checkpointId, String operatorUid, int subtask,
      io.rivulet.runtime.state.KeyGroupRange range, KeyedStateSnapshot snapshot) throws IOException {
    Path dir = checkpointDirectory(checkpointId);
    Files.createDirectories(dir);
    Path file = dir.resolve(sanitize(operatorUid) + "-" + subtask + ".keyed");
    long[] offsets;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
      offsets = snapshot.write(out);
    } finally {
      snapshot.release();
    }
    return new KeyGroupsStateHandle(new FileStateHandle(file.toString(), Files.size(file)), range, offsets);
  }

  /** Makes a checkpoint complete by writing its metadata. */
  public void commit(CompletedCheckpoint checkpoint) throws IOException {
    Path dir = Path.of(checkpoint.directory());
    Files.createDirectories(dir);
    Path tmp = dir.resolve(METADATA + ".tmp");
    try (ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeObject(checkpoint);
    }
    Files.move(tmp, dir.resolve(METADATA), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Reads a completed checkpoint: {@code path} is a checkpoint directory or a root, in which case the
   * newest completed checkpoint in it is taken.
   */
  public static CompletedCheckpoint load(Path path, ClassLoader classLoader) throws IOException {
    Path metadata = path.resolve(METADATA);
    if (!Files.exists(metadata)) {
      Optional<Path> latest = latestIn(path);
      if (latest.isEmpty()) {
        throw new IOException("no completed checkpoint at " + path + " (a checkpoint directory holds "
            + METADATA + "; a root holds chk-N directories)");
      }
      metadata = latest.get().resolve(METADATA);
    }
    try (InputStream in = Files.newInputStream(metadata);
        ObjectInputStream ois = new ObjectInputStream(in) {
          @Override
          protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            return Class.forName(desc.getName(), false, classLoader);
          }
        }) {
      return (CompletedCheckpoint) ois.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException("cannot read checkpoint metadata " + metadata, e);
    }
  }

  private static Optional<Path> latestIn(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("chk-"))
          .filter(d -> Files.exists(d.resolve(METADATA)))
          .max(Comparator.comparingLong(d -> Long.parseLong(d.getFileName().toString().substring(4))));
    }
  }

  /** Deletes a checkpoint's directory (an older one, once a newer one completed). */
  public void discard(long checkpointId) {
    deleteRecursively(checkpointDirectory(checkpointId));
  }

  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a leftover directory wastes space but is never restored without _metadata
    }
  }

  private static String sanitize(String uid) {
    return uid.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
