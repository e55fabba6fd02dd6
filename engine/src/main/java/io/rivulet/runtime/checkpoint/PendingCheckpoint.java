package io.rivulet.runtime.checkpoint;

import io.opentelemetry.api.trace.Span;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A checkpoint (or savepoint) triggered and not yet completed or aborted: which subtasks still owe an
 * acknowledgement, and what the others sent. Owned by the coordinator's thread.
 */
final class PendingCheckpoint {
  final long id;
  final long startMillis;
  final boolean savepoint;
  /** Where its metadata goes: {@code chk-<id>} under the job's storage, or the savepoint's own directory. */
  final Path directory;
  final Set<SubtaskId> waiting;
  final Map<SubtaskId, TaskStateSnapshot> acks = new HashMap<>();
  final CompletableFuture<CompletedCheckpoint> future;
  /** From trigger to completion or abort; acknowledgements are its events. */
  final Span span;
  /** Every acknowledgement arrived; its metadata is being written (it still counts as in flight). */
  boolean finalizing;

  PendingCheckpoint(long id, long startMillis, boolean savepoint, Path directory, Set<SubtaskId> all, Span span,
      CompletableFuture<CompletedCheckpoint> future) {
    this.id = id;
    this.startMillis = startMillis;
    this.savepoint = savepoint;
    this.directory = directory;
    this.waiting = new HashSet<>(all);
    this.span = span;
    this.future = future;
  }

  /** Records {@code subtask}'s acknowledgement; false if it owes none (it acknowledged already, or all did). */
  boolean acknowledge(SubtaskId subtask, TaskStateSnapshot state) {
    if (finalizing || !waiting.remove(subtask)) {
      return false;
    }
    acks.put(subtask, state);
    return true;
  }

  String kind() {
    return savepoint ? "savepoint" : "checkpoint";
  }
}
