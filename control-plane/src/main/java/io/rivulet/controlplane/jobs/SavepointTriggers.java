package io.rivulet.controlplane.jobs;

import io.rivulet.controlplane.ApiException;
import io.rivulet.runtime.checkpoint.CompletedCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Savepoint requests over REST, for either job service: checks the target directory, triggers through
 * {@link JobService#triggerSavepoint}, and remembers each request under a trigger id so that its status can be asked
 * for (Flink's asynchronous operations: a request id now, the result later). The last {@link #KEPT} requests per job
 * are kept, in memory: they do not survive a restart of the control plane (the savepoints themselves do).
 */
public final class SavepointTriggers {
  static final int KEPT = 20;

  private final JobService jobs;
  private final Optional<Path> defaultDirectory;
  private final Map<String, Map<String, CompletableFuture<CompletedCheckpoint>>> byJob = new ConcurrentHashMap<>();

  /** @param defaultDirectory where savepoints go when a request names no target; empty: a target is required */
  public SavepointTriggers(JobService jobs, Optional<Path> defaultDirectory) {
    this.jobs = jobs;
    this.defaultDirectory = defaultDirectory;
  }

  /** The state of one request. */
  public sealed interface Status {
    record InProgress() implements Status {}

    record Completed(String location) implements Status {}

    record Failed(Throwable cause) implements Status {}
  }

  /**
   * Triggers a savepoint (with {@code stop}: then cancels the job) and returns the request's trigger id.
   *
   * @param targetDirectory as the request named it, or null/blank for the configured default
   * @param field the request's name of the target field, for the message when it is missing
   */
  public String trigger(String jobId, String targetDirectory, boolean stop, String field) {
    jobs.job(jobId); // 404 before anything else
    Path target = target(targetDirectory, field);
    CompletableFuture<CompletedCheckpoint> future = jobs.triggerSavepoint(jobId, target, stop);
    String triggerId = UUID.randomUUID().toString().replace("-", "");
    Map<String, CompletableFuture<CompletedCheckpoint>> requests = byJob.computeIfAbsent(jobId,
        id -> java.util.Collections.synchronizedMap(new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<CompletedCheckpoint>> eldest) {
            return size() > KEPT;
          }
        }));
    requests.put(triggerId, future);
    return triggerId;
  }

  public Status status(String jobId, String triggerId) {
    jobs.job(jobId);
    Map<String, CompletableFuture<CompletedCheckpoint>> requests = byJob.get(jobId);
    CompletableFuture<CompletedCheckpoint> f = requests == null ? null : requests.get(triggerId);
    if (f == null) {
      throw ApiException.notFound("savepoint trigger '" + triggerId + "' of job '" + jobId + "' not found: the id"
          + " comes from POST /v1/jobs/" + jobId + "/savepoints or /stop (the last " + KEPT + " are kept, until the"
          + " control plane restarts)");
    }
    if (!f.isDone()) {
      return new Status.InProgress();
    }
    try {
      return new Status.Completed(f.join().directory());
    } catch (CompletionException e) {
      return new Status.Failed(e.getCause() != null ? e.getCause() : e);
    } catch (java.util.concurrent.CancellationException e) {
      return new Status.Failed(e);
    }
  }

  /** The directory the savepoint's own directory is made in: it exists (made if need be) and is writable. */
  private Path target(String requested, String field) {
    Path target;
    if (requested == null || requested.isBlank()) {
      target = defaultDirectory.orElseThrow(() -> ApiException.badRequest(field + ": missing, and no default"
          + " savepoint directory is configured (rivulet.savepoints.directory): name the directory to write the"
          + " savepoint to"));
    } else {
      try {
        target = Path.of(requested);
      } catch (InvalidPathException e) {
        throw ApiException.badRequest(field + ": '" + requested + "' is not a path: " + e.getMessage());
      }
      if (!target.isAbsolute()) {
        throw ApiException.badRequest(field + ": '" + requested + "' is relative; give an absolute path (it is"
            + " resolved where the job's state is written, not where the request comes from)");
      }
    }
    target = target.toAbsolutePath().normalize();
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw ApiException.badRequest(field + ": '" + target + "' is not a writable directory (it is a file)");
    }
    try {
      Files.createDirectories(target);
    } catch (IOException | UnsupportedOperationException e) {
      throw ApiException.badRequest(field + ": cannot create the directory '" + target + "': " + e);
    }
    if (!Files.isDirectory(target) || !Files.isWritable(target)) {
      throw ApiException.badRequest(field + ": '" + target + "' is not a writable directory");
    }
    return target;
  }
}
