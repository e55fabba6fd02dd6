package io.rivulet.controlplane.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Job metadata as one JSON file per job ({@code <directory>/<job id>.json}). A file is written to a temporary
 * name and moved into place, so a crash leaves either the old or the new version, never half of one.
 *
 * <p>Thread-safe: writes of one job are serialized by the caller (one record per job at a time); files of
 * different jobs are independent.
 */
public final class JobStore {
  private static final Logger LOG = Logger.getLogger(JobStore.class);
  private static final Pattern JOB_FILE = Pattern.compile("[0-9a-f]{32}\\.json");

  private final Path directory;
  private final ObjectMapper json;
  private volatile boolean loaded;

  public JobStore(Path directory, ObjectMapper json) {
    this.directory = directory;
    this.json = json;
  }

  public Path directory() {
    return directory;
  }

  /** True once {@link #load()} has read the directory. */
  public boolean isLoaded() {
    return loaded;
  }

  /**
   * Reads every job file, oldest submission first. A file that cannot be read is skipped with a warning (and
   * left in place for a person to look at) rather than keeping the control plane from starting.
   */
  public List<JobRecord> load() {
    List<JobRecord> records = new ArrayList<>();
    try {
      Files.createDirectories(directory);
      try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
        for (Path f : files) {
          if (!JOB_FILE.matcher(f.getFileName().toString()).matches()) {
            continue;
          }
          try {
            records.add(json.readValue(f.toFile(), JobRecord.class));
          } catch (IOException e) {
            LOG.warnf("skipping unreadable job file %s: %s", f, e.getMessage());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the job store at " + directory, e);
    }
    records.sort(Comparator.comparingLong(JobRecord::submittedAt).thenComparing(JobRecord::id));
    loaded = true;
    return records;
  }

  public void save(JobRecord record) {
    Path target = directory.resolve(record.id() + ".json");
    Path tmp = directory.resolve(record.id() + ".json.tmp");
    try {
      Files.createDirectories(directory);
      json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), record);
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write job " + record.id() + " to " + directory, e);
    }
  }
}
