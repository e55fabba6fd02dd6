package io.rivulet.api.graph;

import io.rivulet.api.functions.OutputTag;
import java.util.List;

/** Virtual step: the records an operator emitted to a side output. */
public final class SideOutputTransformation<T> extends Transformation<T> {
  private final Transformation<?> input;
  private final OutputTag<T> tag;

  public SideOutputTransformation(int id, Transformation<?> input, OutputTag<T> tag) {
    super(id, "side output " + tag.id(), tag.type());
    this.input = input;
    this.tag = tag;
  }

  public Transformation<?> input() {
    return input;
  }

  public OutputTag<T> tag() {
    return tag;
  }

  @Override
  public List<Transformation<?>> inputs() {
    return List.of(input);
  }
}
