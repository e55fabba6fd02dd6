package io.rivulet.runtime.state;

/**
 * The engine's side of a keyed state object: the same object implements the user-facing interface
 * ({@code ValueState}, ...) and acts on the backend's current key and the namespace set here. Namespaces let
 * one state hold a value per (key, window); plain keyed state uses {@link VoidNamespace#INSTANCE}.
 */
public interface InternalKvState<N> {
  void setCurrentNamespace(N namespace);

  /**
   * For merging windows: folds the values of {@code sources} into {@code target} for the current key and
   * clears the sources. Supported by list, reducing and aggregating state.
   */
  default void mergeNamespaces(N target, java.util.Collection<N> sources) throws Exception {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot merge namespaces");
  }
}
