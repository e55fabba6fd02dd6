package io.rivulet.runtime.checkpoint;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The savepoint rules of one coordinator: one savepoint at a time; one requested while a periodic checkpoint is in
 * flight waits for it (and a periodic trigger meanwhile gets the waiting savepoint rather than overtaking it); a
 * stop-with-savepoint refuses periodic checkpoints from its request on, so that none commits output past the final
 * savepoint, unless the savepoint fails. Coordinator thread only.
 */
final class SavepointRequests {
  /** A savepoint waiting for the checkpoint in flight to end. */
  record Queued(Path target, boolean stop, CompletableFuture<CompletedCheckpoint> future) {}

  /** The savepoint waiting for a slot, or null. */
  private Queued queued;
  /** Set by a stop-with-savepoint: no periodic checkpoint may commit output after the final savepoint. */
  private boolean stopping;

  /** A stop-with-savepoint was requested and has not failed: no checkpoint may start. */
  boolean stopping() {
    return stopping;
  }

  /** The future of the savepoint waiting for a slot, or null if none waits. */
  CompletableFuture<CompletedCheckpoint> queuedFuture() {
    return queued == null ? null : queued.future();
  }

  /** 1 if a savepoint waits for a slot, else 0. */
  int waiting() {
    return queued == null ? 0 : 1;
  }

  /** Why no savepoint can be requested now, or null if one can; {@code savepointInFlight}: one was triggered. */
  String refusal(boolean savepointInFlight) {
    if (stopping) {
      return "the job is stopping with a savepoint";
    }
    return savepointInFlight || queued != null ? "another savepoint is in progress; try again when it ended" : null;
  }

  /** A savepoint request was accepted: with {@code stop}, checkpoints are refused from now on. */
  void accepted(boolean stop) {
    if (stop) {
      stopping = true;
    }
  }

  /** The accepted savepoint waits for the checkpoint in flight. */
  void enqueue(Path target, boolean stop, CompletableFuture<CompletedCheckpoint> future) {
    queued = new Queued(target, stop, future);
  }

  /** Takes the savepoint waiting for a slot (null if none), to start it now. */
  Queued takeQueued() {
    Queued q = queued;
    queued = null;
    return q;
  }

  /** The tasks stop running (a restart, the end of input): the waiting savepoint fails, and a stop is called off. */
  void dropQueued(String reason) {
    Queued q = takeQueued();
    if (q != null) {
      q.future().completeExceptionally(new IllegalStateException("savepoint not taken: " + reason));
      if (q.stop()) {
        stopping = false;
      }
    }
  }

  /** A savepoint was aborted or not written: if it was a stop, the job goes on with its periodic checkpoints. */
  void savepointFailed() {
    stopping = false;
  }
}
