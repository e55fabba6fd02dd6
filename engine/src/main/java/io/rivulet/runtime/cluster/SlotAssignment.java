package io.rivulet.runtime.cluster;

import java.util.List;

/**
 * The slots a job attempt got: slot {@code i} hosts subtask {@code i} of every vertex (slot sharing, as in
 * Flink), so a job needs as many slots as its highest parallelism.
 */
public record SlotAssignment(List<RuntimeInfo> slots) {
  public RuntimeInfo runtimeForSubtask(int subtaskIndex) {
    return slots.get(subtaskIndex);
  }
}
