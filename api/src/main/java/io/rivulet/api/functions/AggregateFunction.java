package io.rivulet.api.functions;

/**
 * Incremental aggregation with an accumulator of its own type, e.g. an average kept as (sum, count).
 * The accumulator may be mutated and returned by {@link #add} and {@link #merge}.
 */
public interface AggregateFunction<IN, ACC, OUT> extends UserFunction {
  ACC createAccumulator();

  ACC add(IN value, ACC accumulator);

  OUT getResult(ACC accumulator);

  /** Merges two accumulators; used when session windows merge. */
  ACC merge(ACC a, ACC b);
}
