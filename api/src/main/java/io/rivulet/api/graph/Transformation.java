package io.rivulet.api.graph;

import io.rivulet.api.serialization.TypeSerializer;
import java.util.List;

/**
 * One step of the lazily built pipeline. Operator steps become nodes of the {@link StreamGraph}; partition,
 * union and side-output steps are virtual and become properties of edges.
 *
 * <p>Owned by the thread building the job; not thread-safe.
 */
public abstract class Transformation<T> {
  private final int id;
  private String name;
  private String uid;
  private int parallelism = -1;
  private TypeSerializer<T> outputType;

  protected Transformation(int id, String name, TypeSerializer<T> outputType) {
    this.id = id;
    this.name = name;
    this.outputType = outputType;
  }

  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  /** The stable id that ties checkpointed state to this step; null means derived from the graph. */
  public String uid() {
    return uid;
  }

  public void setUid(String uid) {
    this.uid = uid;
  }

  /** -1 means the job's default parallelism. */
  public int parallelism() {
    return parallelism;
  }

  public void setParallelism(int parallelism) {
    if (parallelism < 1) {
      throw new GraphValidationException("parallelism of '" + name + "' must be at least 1, was " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /** The serializer of the output type, or null when it was not declared. */
  public TypeSerializer<T> outputType() {
    return outputType;
  }

  public void setOutputType(TypeSerializer<T> outputType) {
    this.outputType = outputType;
  }

  public abstract List<Transformation<?>> inputs();

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + id + ", " + name + ")";
  }
}
