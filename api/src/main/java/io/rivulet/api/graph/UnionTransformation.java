package io.rivulet.api.graph;

import java.util.List;

/** Virtual step: several streams of one type feed the next operator's single input. */
public final class UnionTransformation<T> extends Transformation<T> {
  private final List<Transformation<?>> inputs;

  public UnionTransformation(int id, List<Transformation<?>> inputs, io.rivulet.api.serialization.TypeSerializer<T> type) {
    super(id, "union", type);
    this.inputs = List.copyOf(inputs);
  }

  @Override
  public List<Transformation<?>> inputs() {
    return inputs;
  }
}
