package io.rivulet.api.graph;

/** A job graph that cannot run, found when the graph is built; the message names the node and the fix. */
public class GraphValidationException extends IllegalArgumentException {
  public GraphValidationException(String message) {
    super(message);
  }
}
