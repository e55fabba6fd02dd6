package io.rivulet.api.graph;

import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.functions.OutputTag;
import java.io.Serializable;

/**
 * A connection between two nodes.
 *
 * @param targetInput 0 for the first (or only) input, 1 for the second input of a two-input operator
 * @param partitioning null means the default (FORWARD with equal parallelism, else REBALANCE)
 * @param keySelector the key for {@link Partitioning#HASH}
 * @param exchange null means {@link Exchange#DIRECT}
 * @param sideOutput null for the main output, else the side output carried by this edge
 */
public record StreamEdge(int sourceId, int targetId, int targetInput, Partitioning partitioning,
    KeySelector<?, ?> keySelector, Exchange exchange, OutputTag<?> sideOutput) implements Serializable {

  public StreamEdge withPartitioning(Partitioning p) {
    return new StreamEdge(sourceId, targetId, targetInput, p, keySelector, exchange, sideOutput);
  }

  public StreamEdge withExchange(Exchange e) {
    return new StreamEdge(sourceId, targetId, targetInput, partitioning, keySelector, e, sideOutput);
  }
}
