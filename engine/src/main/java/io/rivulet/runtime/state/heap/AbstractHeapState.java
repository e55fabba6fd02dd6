package io.rivulet.runtime.state.heap;

import io.rivulet.api.state.State;
import io.rivulet.runtime.state.CurrentKey;
import io.rivulet.runtime.state.InternalKvState;

/**
 * Access to one {@link StateTable} for the backend's current key and this object's current namespace.
 * Hash codes of key and namespace are computed once per {@code setCurrentKey}/{@link #setCurrentNamespace},
 * so a get or update is one probe into a per-key-group map and allocates nothing. Used by the task thread
 * only.
 */
abstract class AbstractHeapState<K, N, V> implements State, InternalKvState<N> {
  final CurrentKey<K> currentKey;
  final StateTable<K, N, V> table;
  private N namespace;
  private int namespaceHash;

  AbstractHeapState(CurrentKey<K> currentKey, StateTable<K, N, V> table) {
    this.currentKey = currentKey;
    this.table = table;
  }

  @Override
  public final void setCurrentNamespace(N namespace) {
    this.namespace = java.util.Objects.requireNonNull(namespace, "namespace");
    this.namespaceHash = namespace.hashCode();
  }

  private N namespace() {
    N n = namespace;
    if (n == null) {
      throw new IllegalStateException("no namespace set on state '" + table.descriptor.name() + "'");
    }
    return n;
  }

  final V getValue() {
    K key = currentKey.require();
    return table.get(currentKey.keyGroup(), key, namespace(), StateMap.hash(currentKey.keyHash(), namespaceHash));
  }

  final void putValue(V value) {
    K key = currentKey.require();
    table.put(currentKey.keyGroup(), key, namespace(), StateMap.hash(currentKey.keyHash(), namespaceHash), value);
  }

  final V removeValue() {
    K key = currentKey.require();
    return table.remove(currentKey.keyGroup(), key, namespace(),
        StateMap.hash(currentKey.keyHash(), namespaceHash));
  }

  /** For merges: the value of the current key in another namespace. */
  final V getValue(N otherNamespace) {
    K key = currentKey.require();
    return table.get(currentKey.keyGroup(), key, otherNamespace,
        StateMap.hash(currentKey.keyHash(), otherNamespace.hashCode()));
  }

  final void putValue(N otherNamespace, V value) {
    K key = currentKey.require();
    table.put(currentKey.keyGroup(), key, otherNamespace,
        StateMap.hash(currentKey.keyHash(), otherNamespace.hashCode()), value);
  }

  final V removeValue(N otherNamespace) {
    K key = currentKey.require();
    return table.remove(currentKey.keyGroup(), key, otherNamespace,
        StateMap.hash(currentKey.keyHash(), otherNamespace.hashCode()));
  }

  @Override
  public void clear() {
    removeValue();
  }

  final String name() {
    return table.descriptor.name();
  }
}
