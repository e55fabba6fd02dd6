package io.rivulet.taskruntime;

import com.google.protobuf.ByteString;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.JobPlacement;
import io.rivulet.proto.control.TaskDeployment;
import io.rivulet.proto.control.TaskPlacement;
import io.rivulet.runtime.serialization.SerializedCopy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Builds the deploy requests a job master would send: one per runtime, each with every placement. */
final class DeployPlan {
  private final JobGraph graph;
  private final String jobId;
  private int attempt;
  private String jarUrl = "";
  private String jarSha256 = "";
  private String checkpointDirectory = "";
  private BiFunction<JobVertex, Integer, TaskRuntimeNode> where;

  DeployPlan(JobGraph graph, String jobId) {
    this.graph = graph;
    this.jobId = jobId;
  }

  DeployPlan attempt(int n) {
    this.attempt = n;
    return this;
  }

  DeployPlan jar(String url, String sha256) {
    this.jarUrl = url;
    this.jarSha256 = sha256;
    return this;
  }

  DeployPlan checkpointDirectory(String dir) {
    this.checkpointDirectory = dir;
    return this;
  }

  /** Every subtask on one runtime. */
  DeployPlan on(TaskRuntimeNode node) {
    return place((v, i) -> node);
  }

  DeployPlan place(BiFunction<JobVertex, Integer, TaskRuntimeNode> where) {
    this.where = where;
    return this;
  }

  Map<TaskRuntimeNode, DeployRequest> requests() {
    ByteString graphBytes = ByteString.copyFrom(SerializedCopy.serialize(graph));
    List<TaskPlacement> placements = new ArrayList<>();
    Map<TaskRuntimeNode, DeployRequest.Builder> builders = new LinkedHashMap<>();
    for (JobVertex v : graph.vertices()) {
      for (int i = 0; i < v.parallelism(); i++) {
        TaskRuntimeNode node = where.apply(v, i);
        placements.add(TaskPlacement.newBuilder().setVertexId(v.id()).setSubtask(i).setRuntimeId(node.id())
            .setHost("127.0.0.1").setDataPort(node.dataPort()).build());
        builders.computeIfAbsent(node, n -> DeployRequest.newBuilder().setJobId(jobId).setAttempt(attempt)
                .setJarUrl(jarUrl).setJarSha256(jarSha256).setJobGraph(graphBytes)
                .setCheckpointDirectory(checkpointDirectory))
            .addTasks(TaskDeployment.newBuilder().setVertexId(v.id()).setSubtask(i));
      }
    }
    Map<TaskRuntimeNode, DeployRequest> requests = new LinkedHashMap<>();
    builders.forEach((node, b) -> requests.put(node, b.setPlacement(JobPlacement.newBuilder().addAllPlacements(placements)).build()));
    return requests;
  }
}
