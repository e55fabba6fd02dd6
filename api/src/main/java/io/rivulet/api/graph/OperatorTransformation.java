package io.rivulet.api.graph;

import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.serialization.TypeSerializer;
import java.util.List;

/** A step that runs an operator on one or two inputs; becomes a {@link StreamNode}. */
public final class OperatorTransformation<T> extends Transformation<T> {
  private final OperatorSpec spec;
  private final List<Transformation<?>> inputs;
  private final KeySelector<?, ?>[] keySelectors;
  private final TypeSerializer<?> keyType;
  private boolean chainable = true;
  private boolean nonParallel;

  /**
   * @param keySelectors per input, the key of a keyed operator (all null for a non-keyed operator)
   * @param keyType the key's serializer for a keyed operator, else null
   */
  public OperatorTransformation(int id, String name, OperatorSpec spec, List<Transformation<?>> inputs,
      TypeSerializer<T> outputType, KeySelector<?, ?>[] keySelectors, TypeSerializer<?> keyType) {
    super(id, name, outputType);
    this.spec = spec;
    this.inputs = List.copyOf(inputs);
    this.keySelectors = keySelectors == null ? new KeySelector<?, ?>[inputs.size()] : keySelectors;
    this.keyType = keyType;
  }

  public OperatorSpec spec() {
    return spec;
  }

  @Override
  public List<Transformation<?>> inputs() {
    return inputs;
  }

  public KeySelector<?, ?>[] keySelectors() {
    return keySelectors;
  }

  public TypeSerializer<?> keyType() {
    return keyType;
  }

  public boolean isKeyed() {
    for (KeySelector<?, ?> k : keySelectors) {
      if (k != null) {
        return true;
      }
    }
    return false;
  }

  public boolean chainable() {
    return chainable;
  }

  public void setChainable(boolean chainable) {
    this.chainable = chainable;
  }

  /** True for operators that must run with parallelism 1 (windowAll). */
  public boolean nonParallel() {
    return nonParallel;
  }

  public void setNonParallel(boolean nonParallel) {
    this.nonParallel = nonParallel;
  }
}
