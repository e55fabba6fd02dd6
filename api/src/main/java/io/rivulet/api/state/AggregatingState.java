package io.rivulet.api.state;

/** An accumulator per key that {@link #add} feeds with the descriptor's aggregate function. */
public interface AggregatingState<IN, OUT> extends State {
  /** The aggregate's result, or {@code null} if nothing was added. */
  OUT get();

  void add(IN value);
}
