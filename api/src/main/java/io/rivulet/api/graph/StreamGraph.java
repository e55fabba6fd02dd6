package io.rivulet.api.graph;

import io.rivulet.api.config.JobConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operators of a job and how they connect, before chaining. Built by {@link StreamGraphBuilder} from
 * the API's transformations, or node by node from a declarative job spec; compiled by
 * {@link JobGraphCompiler}, which validates it.
 */
public final class StreamGraph implements Serializable {
  private final String jobName;
  private final JobConfig config;
  private final Map<Integer, StreamNode> nodes = new LinkedHashMap<>();
  private final List<StreamEdge> edges = new ArrayList<>();

  public StreamGraph(String jobName, JobConfig config) {
    this.jobName = jobName;
    this.config = config;
  }

  public String jobName() {
    return jobName;
  }

  public JobConfig config() {
    return config;
  }

  public StreamGraph addNode(StreamNode node) {
    if (nodes.putIfAbsent(node.id(), node) != null) {
      throw new GraphValidationException("two nodes have id " + node.id());
    }
    return this;
  }

  public StreamGraph addEdge(StreamEdge edge) {
    edges.add(edge);
    return this;
  }

  public Collection<StreamNode> nodes() {
    return nodes.values();
  }

  public StreamNode node(int id) {
    return nodes.get(id);
  }

  public List<StreamEdge> edges() {
    return edges;
  }

  public List<StreamEdge> inEdges(int nodeId) {
    return edges.stream().filter(e -> e.targetId() == nodeId).toList();
  }

  public List<StreamEdge> outEdges(int nodeId) {
    return edges.stream().filter(e -> e.sourceId() == nodeId).toList();
  }
}
