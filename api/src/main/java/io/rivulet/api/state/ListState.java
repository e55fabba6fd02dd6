package io.rivulet.api.state;

import java.util.List;

/** A list per key, in insertion order; empty (never null) when nothing was added. */
public interface ListState<T> extends State {
  Iterable<T> get();

  void add(T value);

  void addAll(List<T> values);

  /** Replaces the whole list. */
  void update(List<T> values);
}
