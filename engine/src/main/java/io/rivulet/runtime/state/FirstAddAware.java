package io.rivulet.runtime.state;

/**
 * Appending state that can tell, at no extra cost, whether an add went into an empty state (for the current
 * key and namespace). The window operator uses it to skip work for windows that already exist.
 */
public interface FirstAddAware<T> {
  /** Adds {@code value}; true if the state held nothing before. */
  boolean addIsFirst(T value);
}
