package io.rivulet.api.connector;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Writes each record's {@code toString()} as a line into files of a directory, exactly once: a subtask writes
 * into {@code .part-<subtask>-<n>.inprogress} and the file becomes {@code part-<subtask>-<n>.txt} (by an atomic
 * rename) only when the checkpoint after it completes, or when the whole job finished. After a failure, files of
 * the restored checkpoint are committed and files written after it are deleted, so no line appears twice.
 *
 * <p>The directory must be reachable from every task runtime (a shared volume in a cluster).
 */
public final class FileSink<T> implements Sink<T> {
  private final String directory;

  public FileSink(Path directory) {
    this.directory = directory.toAbsolutePath().toString();
  }

  @Override
  public String name() {
    return "FileSink";
  }

  /** The committed lines of every part file in {@code directory}, in file name order. */
  public static List<String> committedLines(Path directory) throws IOException {
    List<Path> parts = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, "part-*.txt")) {
      ds.forEach(parts::add);
    }
    parts.sort(null);
    List<String> lines = new ArrayList<>();
    for (Path p : parts) {
      lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
    }
    return lines;
  }

  @Override
  public SinkWriter<T> createWriter(SinkContext context) throws IOException {
    Path dir = Path.of(directory);
    Files.createDirectories(dir);
    return new Writer<>(dir, context.subtaskIndex());
  }

  /** One subtask's writer. Owned by the task thread. */
  static final class Writer<T> implements SinkWriter<T> {
    private final Path dir;
    private final int subtask;
    /** Files written and closed, waiting for the checkpoint that covers them: checkpoint id -> file number. */
    private final TreeMap<Long, Long> pending = new TreeMap<>();
    private long fileNumber;
    private BufferedWriter current;

    Writer(Path dir, int subtask) {
      this.dir = dir;
      this.subtask = subtask;
    }

    private Path inProgress(long n) {
      return dir.resolve(".part-" + subtask + "-" + n + ".inprogress");
    }

    private Path committed(long n) {
      return dir.resolve(String.format("part-%d-%06d.txt", subtask, n));
    }

    @Override
    public void write(T value, long timestamp) throws IOException {
      if (current == null) {
        current = Files.newBufferedWriter(inProgress(fileNumber), StandardCharsets.UTF_8);
      }
      current.write(String.valueOf(value));
      current.newLine();
    }

    /** Closes the current file and records it as covered by this checkpoint. */
    @Override
    public byte[] snapshotState(long checkpointId) throws IOException {
      if (current != null) {
        current.close();
        current = null;
        pending.put(checkpointId, fileNumber);
        fileNumber++;
      }
      // state: the next file number, and the files waiting for commit (they are committed on restore)
      ByteBuffer b = ByteBuffer.allocate(8 + 4 + 16 * pending.size());
      b.putLong(fileNumber).putInt(pending.size());
      pending.forEach((cp, n) -> b.putLong(cp).putLong(n));
      return b.array();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws IOException {
      var done = pending.headMap(checkpointId, true);
      for (long n : done.values()) {
        commit(n);
      }
      done.clear();
    }

    @Override
    public void finish() throws IOException {
      snapshotState(END_OF_INPUT);
    }

    @Override
    public void restoreState(byte[] state) throws IOException {
      ByteBuffer b = ByteBuffer.wrap(state);
      fileNumber = b.getLong();
      int n = b.getInt();
      for (int i = 0; i < n; i++) {
        b.getLong();
        commit(b.getLong()); // the restored checkpoint completed, so what it covers is final
      }
      // files begun after the restored checkpoint belong to an attempt that failed: not ours to keep
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".part-" + subtask + "-*.inprogress")) {
        for (Path p : ds) {
          Files.deleteIfExists(p);
        }
      }
    }

    private void commit(long n) throws IOException {
      Path from = inProgress(n);
      if (Files.exists(from)) {
        Files.move(from, committed(n), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    }

    @Override
    public void close() throws IOException {
      if (current != null) {
        current.close();
        current = null;
      }
    }
  }

  @Override
  public String toString() {
    return "FileSink(" + directory + ")";
  }

}
