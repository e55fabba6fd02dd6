package io.rivulet.runtime.checkpoint;

import io.rivulet.runtime.state.FileStateHandle;
import io.rivulet.runtime.state.KeyGroupsStateHandle;
import io.rivulet.runtime.state.KeyedStateSnapshot;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

  /**
   * Makes a checkpoint complete by writing its metadata ({@link CheckpointFormat}) into its directory: a temporary
   * file first, renamed, so that a crash leaves no half-written {@code _metadata}.
   */
  public void commit(CompletedCheckpoint checkpoint) throws IOException {
    Path dir = Path.of(checkpoint.directory());
    Files.createDirectories(dir);
    Path tmp = dir.resolve(METADATA + ".tmp");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
      CheckpointFormat.writeMetadata(checkpoint, dir, out);
    }
    Files.move(tmp, dir.resolve(METADATA), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Makes a savepoint complete: moves the state files its subtasks wrote into {@code staging} (the job's
   * {@code chk-<n>}) to the savepoint's own directory, writes {@code _metadata} there (atomically, last; the format
   * names files inside the directory relatively), and removes what is left of the staging directory. Returns the
   * savepoint as it is now (absolute paths, as {@link #load} reads it back). On failure the savepoint directory is
   * removed.
   */
  public CompletedCheckpoint commitSavepoint(CompletedCheckpoint savepoint, Path staging) throws IOException {
    Path target = Path.of(savepoint.directory()).toAbsolutePath();
    if (Files.exists(target.resolve(METADATA))) {
      throw new IOException("a savepoint already exists at " + target);
    }
    try {
      Files.createDirectories(target);
      CompletedCheckpoint moved = mapFiles(savepoint, h -> {
        Path from = Path.of(h.path());
        Path to = target.resolve(from.getFileName().toString());
        try {
          Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
        return new FileStateHandle(to.toString(), h.size());
      });
      CompletedCheckpoint written = new CompletedCheckpoint(moved.jobId(), moved.id(), moved.timestamp(),
          target.toString(), true, moved.operators());
      commit(written);
      deleteRecursively(staging);
      return written;
    } catch (UncheckedIOException e) {
      deleteRecursively(target);
      throw e.getCause();
    } catch (IOException | RuntimeException e) {
      deleteRecursively(target);
      throw e;
    }
  }

  /** The checkpoint with every keyed state file handle replaced by {@code f} of it. */
  static CompletedCheckpoint mapFiles(CompletedCheckpoint c,
      java.util.function.UnaryOperator<FileStateHandle> f) {
    java.util.Map<String, OperatorState> operators = new java.util.HashMap<>();
    for (OperatorState op : c.operators().values()) {
      java.util.Map<Integer, OperatorSubtaskState> subtasks = new java.util.HashMap<>();
      for (java.util.Map.Entry<Integer, OperatorSubtaskState> e : op.subtasks().entrySet()) {
        OperatorSubtaskState s = e.getValue();
        KeyGroupsStateHandle k = s.keyedState();
        if (k != null && k.data() instanceof FileStateHandle file) {
          k = new KeyGroupsStateHandle(f.apply(file), k.range(), k.offsets());
        }
        subtasks.put(e.getKey(), new OperatorSubtaskState(s.operatorState(), k));
      }
      operators.put(op.uid(), new OperatorState(op.uid(), op.parallelism(), op.maxParallelism(),
          java.util.Map.copyOf(subtasks)));
    }
    return new CompletedCheckpoint(c.jobId(), c.id(), c.timestamp(), c.directory(), c.savepoint(),
        java.util.Map.copyOf(operators));
  }

  /**
   * Reads a completed checkpoint: {@code path} is a checkpoint directory or a root, in which case the
   * newest completed checkpoint in it is taken. File names in the metadata are resolved against the directory it is
   * read from (a savepoint's, wherever it has been moved to), which becomes the checkpoint's directory.
   *
   * @throws IOException when there is no metadata, it cannot be read, or it is not in a format this version reads
   *     (the message names the file and why)
   */
  public static CompletedCheckpoint load(Path path) throws IOException {
    Path metadata = path.resolve(METADATA);
    if (!Files.exists(metadata)) {
      Optional<Path> latest = latestIn(path);
      if (latest.isEmpty()) {
        throw new IOException("no completed checkpoint at " + path + " (a checkpoint directory holds "
            + METADATA + "; a root holds chk-N directories)");
      }
      metadata = latest.get().resolve(METADATA);
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(metadata))) {
      return CheckpointFormat.readMetadata(in, metadata.toAbsolutePath().getParent(), metadata.toString());
    } catch (CheckpointFormatException e) {
      throw new IOException(e.getMessage(), e);
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
