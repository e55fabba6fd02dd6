package io.rivulet.runtime.checkpoint;

import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.api.graph.StreamNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Where a checkpoint's files go, and what completes it once every subtask acknowledged: its metadata, assembled from
 * the acknowledgements and written on the I/O executor. A checkpoint's metadata goes into its {@code chk-<n>} directory
 * of the job's storage. A savepoint is written by the tasks into that same staging directory (they cannot tell the
 * difference); completing it moves the state files into {@code <target>/savepoint-<job id prefix>-<n>/} with
 * {@code _metadata} naming them relatively, a self-contained directory.
 *
 * <p>Called on the coordinator's thread; blocking file I/O runs on {@code io} only.
 */
final class CheckpointFinalizer {
  private final String jobId;
  private final JobGraph graph;
  private final CheckpointStorage storage;
  private final Executor io;

  CheckpointFinalizer(String jobId, JobGraph graph, CheckpointStorage storage, Executor io) {
    this.jobId = jobId;
    this.graph = graph;
    this.storage = storage;
    this.io = io;
  }

  /** Where the metadata of checkpoint {@code id} goes: its own directory under {@code savepointTarget} if not null. */
  Path directory(long id, Path savepointTarget) {
    return savepointTarget == null ? storage.checkpointDirectory(id) : savepointTarget.resolve(savepointDirectoryName(id));
  }

  /** The name of savepoint {@code id}'s directory under its target. */
  String savepointDirectoryName(long id) {
    return "savepoint-" + jobId.substring(0, Math.min(6, jobId.length())) + "-" + id;
  }

  /**
   * Writes the metadata of {@code p}, every one of whose subtasks acknowledged, on the I/O executor; the future
   * completes there with the checkpoint as written (a savepoint's with its new paths), or with the failure.
   */
  CompletableFuture<CompletedCheckpoint> write(PendingCheckpoint p) {
    CompletedCheckpoint checkpoint = new CompletedCheckpoint(jobId, p.id, p.startMillis, p.directory.toString(),
        p.savepoint, Map.copyOf(operatorStates(p)));
    Path staging = storage.checkpointDirectory(p.id);
    return CompletableFuture.supplyAsync(() -> {
      try {
        if (p.savepoint) {
          return storage.commitSavepoint(checkpoint, staging);
        }
        storage.commit(checkpoint);
        return checkpoint;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, io);
  }

  /** A savepoint that could not be written leaves nothing behind: its staging and target directories go. */
  void discardFailedSavepoint(PendingCheckpoint p) {
    io.execute(() -> {
      storage.discard(p.id);
      CheckpointStorage.deleteRecursively(p.directory);
    });
  }

  /** The acknowledged state by operator: each operator's subtask states, with its parallelism. */
  private Map<String, OperatorState> operatorStates(PendingCheckpoint p) {
    Map<String, Map<Integer, OperatorSubtaskState>> byUid = new HashMap<>();
    for (Map.Entry<SubtaskId, TaskStateSnapshot> e : p.acks.entrySet()) {
      for (Map.Entry<String, OperatorSubtaskState> op : e.getValue().operators().entrySet()) {
        byUid.computeIfAbsent(op.getKey(), k -> new HashMap<>()).put(e.getKey().subtaskIndex(), op.getValue());
      }
    }
    Map<String, OperatorState> operators = new HashMap<>();
    for (JobVertex v : graph.vertices()) {
      for (StreamNode n : v.operators()) {
        Map<Integer, OperatorSubtaskState> subtasks = byUid.get(n.uid());
        if (subtasks != null) {
          operators.put(n.uid(), new OperatorState(n.uid(), v.parallelism(), graph.config().maxParallelism(),
              Map.copyOf(subtasks)));
        }
      }
    }
    return operators;
  }
}
