package io.rivulet.api.graph;

import io.rivulet.api.functions.KeySelector;
import java.util.List;

/**
 * Virtual step that sets how records travel to the next operator: the partitioning (null: the default,
 * FORWARD if parallelism matches else REBALANCE) and the exchange (null: DIRECT).
 */
public final class PartitionTransformation<T> extends Transformation<T> {
  private final Transformation<T> input;
  private final Partitioning partitioning;
  private final KeySelector<T, ?> keySelector;
  private final Exchange exchange;

  public PartitionTransformation(int id, Transformation<T> input, Partitioning partitioning,
      KeySelector<T, ?> keySelector, Exchange exchange) {
    super(id, partitioning == null ? "exchange" : partitioning.name().toLowerCase(), input.outputType());
    this.input = input;
    this.partitioning = partitioning;
    this.keySelector = keySelector;
    this.exchange = exchange;
  }

  public Transformation<T> input() {
    return input;
  }

  public Partitioning partitioning() {
    return partitioning;
  }

  public KeySelector<T, ?> keySelector() {
    return keySelector;
  }

  public Exchange exchange() {
    return exchange;
  }

  @Override
  public List<Transformation<?>> inputs() {
    return List.of(input);
  }
}
