package io.rivulet.api.state;

import java.io.Serializable;

/**
 * What an {@link AggregatingState} applies to each value added: incremental aggregation with an accumulator of its
 * own type. Job authors pass an {@link io.rivulet.api.functions.AggregateFunction}, which is one; the interface is
 * here so that state descriptors do not depend on the function interfaces (which give functions access to state).
 */
public interface Aggregator<IN, ACC, OUT> extends Serializable {
  ACC createAccumulator();

  ACC add(IN value, ACC accumulator);

  OUT getResult(ACC accumulator);

  /** Merges two accumulators; used when session windows merge. */
  ACC merge(ACC a, ACC b);
}
