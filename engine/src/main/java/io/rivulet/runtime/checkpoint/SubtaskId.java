package io.rivulet.runtime.checkpoint;

import java.io.Serializable;

/** One parallel instance of a job vertex. */
public record SubtaskId(int vertexId, int subtaskIndex) implements Serializable {
  @Override
  public String toString() {
    return vertexId + "#" + subtaskIndex;
  }
}
