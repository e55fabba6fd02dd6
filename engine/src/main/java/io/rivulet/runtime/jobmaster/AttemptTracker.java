package io.rivulet.runtime.jobmaster;

import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.proto.control.ExecutionState;
import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.cluster.SlotAssignment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subtasks of one attempt and how far they got, with counts kept as reports arrive, so that "all running" or
 * "all finished" costs O(1) per report rather than a scan of every subtask (a job of 20,000 subtasks sends 20,000
 * reports per step). Owned by the job master's thread.
 */
final class AttemptTracker {
  private final int attempt;
  private final Map<SubtaskId, SubtaskStatus> subtasks;
  /** Published to readers as an immutable list. */
  private final List<SubtaskStatus> ordered;
  private int running;
  private int inputEnded;
  private int ended;
  private int terminal;

  AttemptTracker(int attempt, JobGraph graph, SlotAssignment slots) {
    this.attempt = attempt;
    this.subtasks = new HashMap<>();
    List<SubtaskStatus> list = new ArrayList<>();
    for (JobVertex v : graph.vertices()) {
      for (int i = 0; i < v.parallelism(); i++) {
        SubtaskId id = new SubtaskId(v.id(), i);
        SubtaskStatus s = new SubtaskStatus(id, slots == null ? null : slots.runtimeForSubtask(i).id());
        subtasks.put(id, s);
        list.add(s);
      }
    }
    this.ordered = List.copyOf(list);
  }

  int attempt() {
    return attempt;
  }

  int size() {
    return ordered.size();
  }

  List<SubtaskStatus> subtasks() {
    return ordered;
  }

  SubtaskStatus get(SubtaskId id) {
    return subtasks.get(id);
  }

  void deploying() {
    ordered.forEach(s -> s.state(SubtaskState.DEPLOYING));
  }

  /**
   * Applies a report; returns false when it changes nothing (a repeated or out-of-order report). A subtask moves
   * forward only: RUNNING after INPUT_ENDED, for instance, is ignored.
   */
  boolean apply(SubtaskStatus s, ExecutionState state) {
    SubtaskState old = s.state();
    if (old == SubtaskState.CANCELED || old == SubtaskState.FAILED || s.ended()) {
      return false;
    }
    switch (state) {
      case INITIALIZING -> {
        if (old != SubtaskState.DEPLOYING && old != SubtaskState.SCHEDULED) {
          return false;
        }
        s.state(SubtaskState.INITIALIZING);
      }
      case RUNNING -> {
        if (old == SubtaskState.RUNNING || old == SubtaskState.FINISHED) {
          return false;
        }
        s.state(SubtaskState.RUNNING);
        running++;
      }
      case INPUT_ENDED -> {
        if (old == SubtaskState.FINISHED) {
          return false;
        }
        if (old != SubtaskState.RUNNING) {
          running++; // its RUNNING report is overtaken or lost; it did run
        }
        s.state(SubtaskState.FINISHED);
        inputEnded++;
      }
      case FINISHED -> {
        if (old != SubtaskState.FINISHED) {
          return false; // ended without ending its input: not something a runtime sends
        }
        s.markEnded();
        ended++;
        terminal++;
      }
      case FAILED, CANCELED -> {
        s.state(state == ExecutionState.FAILED ? SubtaskState.FAILED : SubtaskState.CANCELED);
        terminal++;
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  boolean allRunning() {
    return running == ordered.size();
  }

  boolean allInputEnded() {
    return inputEnded == ordered.size();
  }

  boolean allEnded() {
    return ended == ordered.size();
  }

  boolean allTerminal() {
    return terminal == ordered.size();
  }

  /** Marks the subtasks on a runtime that is gone as CANCELED (nothing of them runs any more). */
  void lostWith(String runtimeId) {
    for (SubtaskStatus s : ordered) {
      if (runtimeId.equals(s.runtimeId()) && !isTerminal(s)) {
        s.state(SubtaskState.CANCELED);
        terminal++;
      }
    }
  }

  /** At the job's end: whatever still shows a running state is CANCELED, so no vertex of an ended job runs. */
  void settle() {
    for (SubtaskStatus s : ordered) {
      if (!isTerminal(s)) {
        s.state(SubtaskState.CANCELED);
        terminal++;
      }
    }
  }

  /** Subtasks still to be heard of while the attempt is being cancelled. */
  void cancelling() {
    for (SubtaskStatus s : ordered) {
      if (!isTerminal(s)) {
        s.state(SubtaskState.CANCELING);
      }
    }
  }

  private static boolean isTerminal(SubtaskStatus s) {
    SubtaskState st = s.state();
    return st == SubtaskState.CANCELED || st == SubtaskState.FAILED || s.ended();
  }
}
