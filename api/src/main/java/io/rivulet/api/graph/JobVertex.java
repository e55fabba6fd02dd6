package io.rivulet.api.graph;

import java.io.Serializable;
import java.util.List;

/**
 * A task: a chain of operators that run in one thread per parallel subtask.
 *
 * @param id the id of the chain's head node
 * @param operators the chained nodes, head first, each after all its chained predecessors
 * @param chainEdges the forward connections inside the chain
 */
public record JobVertex(int id, String name, int parallelism, int maxParallelism, List<StreamNode> operators,
    List<ChainEdge> chainEdges) implements Serializable {

  public StreamNode head() {
    return operators.get(0);
  }

  public boolean isSource() {
    return head().isSource();
  }

  public StreamNode operator(int nodeId) {
    for (StreamNode n : operators) {
      if (n.id() == nodeId) {
        return n;
      }
    }
    throw new IllegalArgumentException("node " + nodeId + " is not in vertex " + id);
  }
}
