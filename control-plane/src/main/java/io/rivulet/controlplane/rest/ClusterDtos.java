package io.rivulet.controlplane.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.rivulet.controlplane.jobs.ClusterOverview;
import io.rivulet.controlplane.jobs.TaskManagerInfo;
import java.util.List;

/** JSON shapes of /v1/overview and /v1/taskmanagers, with the field names of Flink's REST API. */
public final class ClusterDtos {
  private ClusterDtos() {}

  public record Overview(int taskmanagers, @JsonProperty("slots-total") int slotsTotal,
      @JsonProperty("slots-available") int slotsAvailable, @JsonProperty("jobs-running") int jobsRunning,
      @JsonProperty("jobs-finished") int jobsFinished, @JsonProperty("jobs-cancelled") int jobsCancelled,
      @JsonProperty("jobs-failed") int jobsFailed, @JsonProperty("rivulet-version") String version) {
    static Overview of(ClusterOverview o, String version) {
      return new Overview(o.taskManagers(), o.slotsTotal(), o.slotsAvailable(), o.jobsRunning(), o.jobsFinished(),
          o.jobsCancelled(), o.jobsFailed(), version);
    }
  }

  public record TaskManager(String id, String path, int dataPort, long timeSinceLastHeartbeat, int slotsNumber,
      int freeSlots, Hardware hardware) {
    static TaskManager of(TaskManagerInfo t, long now) {
      TaskManagerInfo.Hardware h = t.hardware();
      return new TaskManager(t.id(), t.path(), t.dataPort(), Math.max(0, now - t.lastHeartbeat()), t.slots(),
          t.freeSlots(), new Hardware(h.cpuCores(), h.physicalMemory(), h.freeMemory(), h.managedMemory()));
    }
  }

  public record Hardware(int cpuCores, long physicalMemory, long freeMemory, long managedMemory) {}

  public record TaskManagers(List<TaskManager> taskmanagers) {}
}
