package io.rivulet.api.graph;

import io.rivulet.api.functions.OutputTag;
import java.io.Serializable;

/** A forward connection between two operators fused into one task: a plain method call at run time. */
public record ChainEdge(int sourceNode, int targetNode, OutputTag<?> sideOutput) implements Serializable {}
