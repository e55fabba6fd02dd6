package io.rivulet.api.state;

/** Keyed state: every method acts on the value for the current key (and window, inside windows). */
public interface State {
  void clear();
}
