package io.rivulet.controlplane.jobs;

/**
 * A process that runs subtasks: a registered task runtime, or the control plane itself in embedded mode.
 *
 * @param dataPort the port other task runtimes send records to, -1 when there is none
 * @param lastHeartbeat epoch millis of the last heartbeat
 */
public record TaskManagerInfo(String id, String path, int dataPort, long lastHeartbeat, int slots, int freeSlots,
    Hardware hardware) {

  public record Hardware(int cpuCores, long physicalMemory, long freeMemory, long managedMemory) {}
}
