package io.rivulet.runtime.jobmaster;

import com.google.protobuf.ByteString;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.JobPlacement;
import io.rivulet.proto.control.TaskDeployment;
import io.rivulet.proto.control.TaskPlacement;
import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.checkpoint.TaskRestore;
import io.rivulet.runtime.cluster.RuntimeInfo;
import io.rivulet.runtime.cluster.SlotAssignment;
import io.rivulet.runtime.serialization.SerializedCopy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deployment of one attempt: one request per runtime with the subtasks placed there (and their restore state),
 * all sharing one placement message and one serialized graph. Built in time linear in the number of subtasks:
 * nothing is copied per runtime.
 */
final class DeploymentPlan {
  private DeploymentPlan() {}

  /** Requests by runtime id, in slot order. */
  static Map<String, DeployRequest> build(String jobId, int attempt, JobGraph graph, ByteString graphBytes,
      JarLocation jar, String checkpointDirectory, SlotAssignment slots, Map<SubtaskId, TaskRestore> restore) {
    JobPlacement.Builder placement = JobPlacement.newBuilder();
    Map<String, DeployRequest.Builder> requests = new LinkedHashMap<>();
    for (JobVertex v : graph.vertices()) {
      for (int i = 0; i < v.parallelism(); i++) {
        RuntimeInfo rt = slots.runtimeForSubtask(i);
        placement.addPlacements(TaskPlacement.newBuilder().setVertexId(v.id()).setSubtask(i).setRuntimeId(rt.id())
            .setHost(rt.host()).setDataPort(rt.dataPort()));
        TaskRestore r = restore.get(new SubtaskId(v.id(), i));
        requests.computeIfAbsent(rt.id(), id -> DeployRequest.newBuilder().setJobId(jobId).setAttempt(attempt)
                .setJarUrl(jar.url()).setJarSha256(jar.sha256()).setJobGraph(graphBytes)
                .setCheckpointDirectory(checkpointDirectory))
            .addTasks(TaskDeployment.newBuilder().setVertexId(v.id()).setSubtask(i)
                .setRestore(r == null || r.operators().isEmpty() ? ByteString.EMPTY
                    : ByteString.copyFrom(SerializedCopy.serialize(r))));
      }
    }
    JobPlacement shared = placement.build();
    Map<String, DeployRequest> built = new LinkedHashMap<>();
    requests.forEach((id, b) -> built.put(id, b.setPlacement(shared).build()));
    return built;
  }
}
