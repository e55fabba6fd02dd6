package io.rivulet.runtime.cluster;

import io.rivulet.runtime.rpc.TaskRuntimeGateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The slots a job attempt got: slot {@code i} hosts subtask {@code i} of every vertex (slot sharing, as in Flink),
 * so a job needs as many slots as its highest parallelism; with the gateway of each runtime they are on.
 */
public record SlotAssignment(List<RuntimeInfo> slots, Map<String, TaskRuntimeGateway> gateways) {
  public RuntimeInfo runtimeForSubtask(int subtaskIndex) {
    return slots.get(subtaskIndex);
  }

  public TaskRuntimeGateway gateway(String runtimeId) {
    return gateways.get(runtimeId);
  }

  /** The runtimes used, each once, in slot order. */
  public List<RuntimeInfo> runtimes() {
    Map<String, RuntimeInfo> byId = new LinkedHashMap<>();
    for (RuntimeInfo r : slots) {
      byId.putIfAbsent(r.id(), r);
    }
    return new ArrayList<>(byId.values());
  }

  public boolean uses(String runtimeId) {
    return gateways.containsKey(runtimeId);
  }
}
