package io.rivulet.runtime.state.heap;

import java.util.function.UnaryOperator;

/**
 * The entries of one state in one key group: an open-addressing hash map from (key, namespace) to value.
 * Keys, namespaces, values and hashes sit in parallel arrays, so a lookup allocates nothing and needs no
 * composite key object; linear probing with backward-shift deletion keeps probe chains short without
 * tombstones. Owned by the task thread; a snapshot takes a {@link #freeze frozen copy}.
 */
final class StateMap<K, N, V> {
  private static final int MIN_CAPACITY = 8;

  private Object[] keys;
  private Object[] namespaces;
  private Object[] values;
  private int[] hashes;
  private int mask;
  private int size;
  private int resizeAt;

  StateMap() {
    allocate(MIN_CAPACITY);
  }

  private void allocate(int capacity) {
    keys = new Object[capacity];
    namespaces = new Object[capacity];
    values = new Object[capacity];
    hashes = new int[capacity];
    mask = capacity - 1;
    resizeAt = capacity - (capacity >>> 2); // load factor 0.75
  }

  /** The slot hash of (key, namespace) from their hash codes; callers cache both hash codes. */
  static int hash(int keyHash, int namespaceHash) {
    int h = keyHash * 31 + namespaceHash;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }

  int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  V get(K key, N namespace, int hash) {
    int i = indexOf(key, namespace, hash);
    return i < 0 ? null : (V) values[i];
  }

  /** Sets the value (non-null) of (key, namespace). */
  void put(K key, N namespace, int hash, V value) {
    Object[] ks = keys;
    int m = mask;
    int i = hash & m;
    for (Object k; (k = ks[i]) != null; i = (i + 1) & m) {
      if (hashes[i] == hash && (k == key || k.equals(key)) && sameNamespace(namespaces[i], namespace)) {
        values[i] = value;
        return;
      }
    }
    ks[i] = key;
    namespaces[i] = namespace;
    values[i] = value;
    hashes[i] = hash;
    if (++size > resizeAt) {
      grow();
    }
  }

  /** Removes (key, namespace) and returns its value, or null if absent. */
  @SuppressWarnings("unchecked")
  V remove(K key, N namespace, int hash) {
    int i = indexOf(key, namespace, hash);
    if (i < 0) {
      return null;
    }
    V old = (V) values[i];
    deleteSlot(i);
    return old;
  }

  private int indexOf(Object key, Object namespace, int hash) {
    Object[] ks = keys;
    int m = mask;
    for (int i = hash & m; ; i = (i + 1) & m) {
      Object k = ks[i];
      if (k == null) {
        return -1;
      }
      if (hashes[i] == hash && (k == key || k.equals(key)) && sameNamespace(namespaces[i], namespace)) {
        return i;
      }
    }
  }

  private static boolean sameNamespace(Object a, Object b) {
    return a == b || a.equals(b);
  }

  /** Backward-shift deletion: moves later entries of the probe chain into the hole. */
  private void deleteSlot(int hole) {
    int m = mask;
    int j = hole;
    while (true) {
      j = (j + 1) & m;
      if (keys[j] == null) {
        break;
      }
      int home = hashes[j] & m;
      // the entry at j may move to the hole only if its home slot is not cyclically in (hole, j]
      boolean stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
      if (!stays) {
        keys[hole] = keys[j];
        namespaces[hole] = namespaces[j];
        values[hole] = values[j];
        hashes[hole] = hashes[j];
        hole = j;
      }
    }
    keys[hole] = null;
    namespaces[hole] = null;
    values[hole] = null;
    size--;
  }

  private void grow() {
    Object[] oldKeys = keys;
    Object[] oldNamespaces = namespaces;
    Object[] oldValues = values;
    int[] oldHashes = hashes;
    allocate(oldKeys.length * 2);
    int m = mask;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != null) {
        int i = oldHashes[j] & m;
        while (keys[i] != null) {
          i = (i + 1) & m;
        }
        keys[i] = oldKeys[j];
        namespaces[i] = oldNamespaces[j];
        values[i] = oldValues[j];
        hashes[i] = oldHashes[j];
      }
    }
  }

  /** Visits every entry; the visitor must not change this map. */
  @SuppressWarnings("unchecked")
  void forEach(EntryVisitor<K, N, V> visitor) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null) {
        visitor.visit((K) keys[i], (N) namespaces[i], (V) values[i]);
      }
    }
  }

  interface EntryVisitor<K, N, V> {
    void visit(K key, N namespace, V value);
  }

  /**
   * A compact copy of the entries for a snapshot, with each value passed through {@code copier} (identity
   * for immutable values). Keys and namespaces are shared: they must be immutable anyway.
   */
  Frozen freeze(UnaryOperator<Object> copier) {
    Object[] k = new Object[size];
    Object[] n = new Object[size];
    Object[] v = new Object[size];
    int j = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null) {
        k[j] = keys[i];
        n[j] = namespaces[i];
        v[j] = copier == null ? values[i] : copier.apply(values[i]);
        j++;
      }
    }
    return new Frozen(k, n, v);
  }

  /** Entries frozen by {@link #freeze}; read by the checkpoint I/O thread only. */
  record Frozen(Object[] keys, Object[] namespaces, Object[] values) {}
}
