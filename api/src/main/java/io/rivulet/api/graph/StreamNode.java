package io.rivulet.api.graph;

import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.serialization.TypeSerializer;
import java.io.Serializable;
import java.util.Arrays;

/** An operator in the {@link StreamGraph}; immutable once the graph is compiled. */
public final class StreamNode implements Serializable {
  private final int id;
  private final String name;
  private final String uid;
  private final int parallelism;
  private final OperatorSpec spec;
  private final TypeSerializer<?> outputType;
  private final KeySelector<?, ?>[] keySelectors;
  private final TypeSerializer<?> keyType;
  private final boolean chainable;
  private final boolean nonParallel;
  private final int inputCount;

  /**
   * @param inputCount 0 for sources, 1 or 2
   * @param keySelectors per input, null entries for non-keyed inputs (null array: not keyed)
   */
  public StreamNode(int id, String name, String uid, int parallelism, OperatorSpec spec,
      TypeSerializer<?> outputType, int inputCount, KeySelector<?, ?>[] keySelectors, TypeSerializer<?> keyType,
      boolean chainable, boolean nonParallel) {
    this.id = id;
    this.name = name;
    this.uid = uid;
    this.parallelism = parallelism;
    this.spec = spec;
    this.outputType = outputType;
    this.inputCount = inputCount;
    this.keySelectors = keySelectors == null ? new KeySelector<?, ?>[inputCount] : keySelectors.clone();
    this.keyType = keyType;
    this.chainable = chainable;
    this.nonParallel = nonParallel;
  }

  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  /** Stable id of the operator's state across runs. */
  public String uid() {
    return uid;
  }

  public int parallelism() {
    return parallelism;
  }

  public OperatorSpec spec() {
    return spec;
  }

  public TypeSerializer<?> outputType() {
    return outputType;
  }

  public int inputCount() {
    return inputCount;
  }

  /** The key selector of input {@code i}, or null if that input is not keyed. */
  public KeySelector<?, ?> keySelector(int input) {
    return input < keySelectors.length ? keySelectors[input] : null;
  }

  public boolean isKeyed() {
    return Arrays.stream(keySelectors).anyMatch(k -> k != null);
  }

  public TypeSerializer<?> keyType() {
    return keyType;
  }

  public boolean chainable() {
    return chainable;
  }

  public boolean nonParallel() {
    return nonParallel;
  }

  public boolean isSource() {
    return spec instanceof OperatorSpec.SourceOp;
  }

  public boolean isSink() {
    return spec instanceof OperatorSpec.SinkOp;
  }

  /** "name" (id) for error messages. */
  public String describe() {
    return "'" + name + "' (" + spec.kind() + ", node " + id + ")";
  }

  @Override
  public String toString() {
    return describe();
  }
}
