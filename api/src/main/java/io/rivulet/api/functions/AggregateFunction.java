package io.rivulet.api.functions;

import io.rivulet.api.state.Aggregator;

/**
 * Incremental aggregation with an accumulator of its own type, e.g. an average kept as (sum, count).
 * The accumulator may be mutated and returned by {@link #add} and {@link #merge}. Aggregating state takes it as its
 * {@link Aggregator}.
 */
public interface AggregateFunction<IN, ACC, OUT> extends UserFunction, Aggregator<IN, ACC, OUT> {
  @Override
  ACC createAccumulator();

  @Override
  ACC add(IN value, ACC accumulator);

  @Override
  OUT getResult(ACC accumulator);

  /** Merges two accumulators; used when session windows merge. */
  @Override
  ACC merge(ACC a, ACC b);
}
