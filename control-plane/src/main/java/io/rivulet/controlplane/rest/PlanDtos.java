package io.rivulet.controlplane.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.rivulet.api.graph.JobEdge;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.api.graph.StreamNode;
import io.rivulet.controlplane.jobs.JobDetails;
import io.rivulet.controlplane.jobs.VertexDetails;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON shape of GET /v1/jobs/{id}/plan: the job graph as Flink's plan (nodes, each with the inputs it reads from),
 * plus what Rivulet adds: the chained operators of each node and the exchange of each input.
 */
public final class PlanDtos {
  private PlanDtos() {}

  public record PlanResponse(Plan plan) {}

  /**
   * @param complete false when only the vertices are known (a job that ended before the control plane restarted
   *     keeps its vertices but not its edges)
   */
  @JsonPropertyOrder({"jid", "name", "type", "complete", "nodes"})
  public record Plan(String jid, String name, String type, boolean complete, List<Node> nodes) {
    static Plan of(JobDetails job, JobGraph graph) {
      String id = job.summary().id();
      String name = job.summary().name();
      if (graph == null) {
        return new Plan(id, name, "STREAMING", false, job.vertices().stream().map(Node::withoutInputs).toList());
      }
      return new Plan(id, name, "STREAMING", true, graph.vertices().stream().map(v -> Node.of(v, graph)).toList());
    }
  }

  /**
   * A vertex: a chain of operators running in one thread per subtask.
   *
   * @param operators the chained operators' names, head first
   */
  @JsonPropertyOrder({"id", "parallelism", "operator", "operator_strategy", "description", "operators", "inputs"})
  public record Node(String id, int parallelism, String operator,
      @JsonProperty("operator_strategy") String operatorStrategy, String description, List<String> operators,
      List<Input> inputs) {
    static Node of(JobVertex v, JobGraph graph) {
      List<Input> inputs = new ArrayList<>();
      for (JobEdge e : graph.inputsOf(v.id())) {
        inputs.add(Input.of(inputs.size(), e));
      }
      List<String> operators = v.operators().stream().map(StreamNode::name).toList();
      return new Node(String.valueOf(v.id()), v.parallelism(), v.head().name(), "", v.name(), operators, inputs);
    }

    static Node withoutInputs(VertexDetails v) {
      return new Node(v.id(), v.parallelism(), v.name(), "", v.name(), List.of(v.name()), List.of());
    }
  }

  /**
   * An edge into a node.
   *
   * @param id the upstream node
   * @param shipStrategy the partitioning (FORWARD, REBALANCE, HASH, BROADCAST, GLOBAL)
   * @param exchange LOCAL, DIRECT (gRPC; in one JVM it runs as LOCAL) or DURABLE (Kafka)
   * @param sideOutput the side output the records come from, absent for the main output
   */
  @JsonPropertyOrder({"num", "id", "ship_strategy", "exchange", "side-output"})
  public record Input(int num, String id, @JsonProperty("ship_strategy") String shipStrategy, String exchange,
      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("side-output") String sideOutput) {
    static Input of(int num, JobEdge e) {
      return new Input(num, String.valueOf(e.sourceVertex()), e.partitioning().name(), e.exchange().name(),
          e.sideOutput() == null ? null : e.sideOutput().id());
    }
  }
}
