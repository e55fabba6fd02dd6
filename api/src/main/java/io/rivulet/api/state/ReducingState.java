package io.rivulet.api.state;

/** A value per key that {@link #add} folds in with the descriptor's reduce function. */
public interface ReducingState<T> extends State {
  /** The reduced value, or {@code null} if nothing was added. */
  T get();

  void add(T value);
}
