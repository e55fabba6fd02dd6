package io.rivulet.runtime.checkpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The completed checkpoints a job keeps as restore points: the newest {@code retained} ones, counting the one the job
 * started from until newer ones push it out. Savepoints are none of them. Checkpoints pushed out are deleted on the
 * I/O executor, but only those this job wrote into its own storage, never the one it started from.
 *
 * <p>Changed on the coordinator's thread; the latest is published in a volatile field for readers on other threads.
 */
final class RetainedCheckpoints {
  private final CheckpointStorage storage;
  private final Executor io;
  private final int retained;

  // ---- coordinator thread only
  private final List<CompletedCheckpoint> completed = new ArrayList<>();
  /** The checkpoint the job started from, or -1. */
  private long seededId = -1;

  // ---- published for readers on other threads
  private volatile CompletedCheckpoint latest;

  RetainedCheckpoints(CheckpointStorage storage, Executor io, int retained) {
    this.storage = storage;
    this.io = io;
    this.retained = Math.max(1, retained);
  }

  /** Keeps the checkpoint the job started from, if none was kept yet; true if it did. */
  boolean seed(CompletedCheckpoint restoredFrom) {
    if (restoredFrom == null || !completed.isEmpty()) {
      return false;
    }
    completed.add(restoredFrom);
    latest = restoredFrom;
    seededId = restoredFrom.id();
    return true;
  }

  /** Keeps a newly completed checkpoint; returns those it pushed out, for {@link #discard}. */
  List<CompletedCheckpoint> add(CompletedCheckpoint checkpoint) {
    completed.add(checkpoint);
    latest = checkpoint;
    List<CompletedCheckpoint> pushedOut = new ArrayList<>();
    while (completed.size() > retained) {
      pushedOut.add(completed.remove(0));
    }
    return pushedOut;
  }

  /** Deletes checkpoints pushed out on the I/O executor. */
  void discard(List<CompletedCheckpoint> pushedOut) {
    if (pushedOut.isEmpty()) {
      return;
    }
    long seeded = seededId;
    io.execute(() -> {
      for (CompletedCheckpoint old : pushedOut) {
        // only checkpoints this job wrote; never the one it was started from
        if (old.id() != seeded && Path.of(old.directory()).equals(storage.checkpointDirectory(old.id()))) {
          storage.discard(old.id());
        }
      }
    });
  }

  /** Any thread: the latest completed checkpoint, or the one the job started from; null if none. */
  CompletedCheckpoint latest() {
    return latest;
  }
}
