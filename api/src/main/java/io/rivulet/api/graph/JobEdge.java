package io.rivulet.api.graph;

import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.functions.OutputTag;
import io.rivulet.api.serialization.TypeSerializer;
import java.io.Serializable;

/**
 * An edge between two tasks (vertices): records leave {@code sourceNode} (inside the source vertex's
 * chain) and enter input {@code targetInput} of the target vertex's head operator.
 *
 * @param id unique within the job; names the Kafka topic of a DURABLE edge
 * @param type serializer of the records on this edge (never null after validation)
 */
public record JobEdge(int id, int sourceVertex, int sourceNode, OutputTag<?> sideOutput, int targetVertex,
    int targetInput, Partitioning partitioning, KeySelector<?, ?> keySelector, Exchange exchange,
    TypeSerializer<?> type) implements Serializable {}
