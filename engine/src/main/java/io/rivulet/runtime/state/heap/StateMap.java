package io.rivulet.runtime.state.heap;

import java.util.function.UnaryOperator;

/**
 * The entries of one state in one key group: an open-addressing hash map from (key, namespace) to value.
 * Keys, namespaces, values and hashes sit in parallel arrays, so a lookup allocates nothing and needs no
 * composite key object; linear probing with backward-shift deletion keeps probe chains short without
 * tombstones. Owned by the task thread.
 *
 * <p>Snapshots are copy-on-write, so that the synchronous part of a checkpoint costs nothing per entry:
 * {@link #freeze} hands the current arrays themselves to the snapshot and marks them shared; the first change
 * after that copies the arrays (one {@code clone} each, only for maps that change before the next checkpoint) and
 * changes the copy. Values that are changed in place (lists, maps, values of mutable serializers — those with a
 * {@code copier}) are copied on the first access after a freeze: an entry whose {@link #versions version} is not
 * newer than the last freeze may be in a snapshot, so {@link #get} and {@link #remove} hand out a copy and keep it.
 * Nothing is released when a snapshot is written: the cost is at most one array copy per map and one copy per
 * mutable value accessed per checkpoint interval, paid on the task thread as it works, instead of a copy of every
 * entry while the task waits.
 */
final class StateMap<K, N, V> {
  private static final int MIN_CAPACITY = 8;

  /** Copies a value that may be changed in place, or null when values are never changed in place. */
  private final UnaryOperator<Object> copier;
  private Object[] keys;
  private Object[] namespaces;
  private Object[] values;
  private int[] hashes;
  /**
   * Per slot: the {@link #version} in which its value was put or copied. Only with a copier, and only from the first
   * freeze on: before it no value can be in a snapshot, and a job without checkpoints never pays for the array.
   */
  private int[] versions;
  private int mask;
  private int size;
  private int resizeAt;
  /** True while the arrays above are also a snapshot's: the next change copies them first. */
  private boolean shared;
  /** Incremented by every freeze; values of older versions may be in a snapshot. */
  private int version = 1;

  StateMap() {
    this(null);
  }

  StateMap(UnaryOperator<Object> copier) {
    this.copier = copier;
    allocate(MIN_CAPACITY, false);
  }

  private void allocate(int capacity, boolean tracked) {
    keys = new Object[capacity];
    namespaces = new Object[capacity];
    values = new Object[capacity];
    hashes = new int[capacity];
    versions = tracked ? new int[capacity] : null;
    mask = capacity - 1;
    resizeAt = capacity - (capacity >>> 2); // load factor 0.75
    shared = false;
  }

  /** Before any change of the arrays: if a snapshot holds them, continue on copies. */
  private void unshare() {
    if (shared) {
      copyArrays(); // kept out of line: the hot paths that call this stay small enough to inline
    }
  }

  private void copyArrays() {
    keys = keys.clone();
    namespaces = namespaces.clone();
    values = values.clone();
    hashes = hashes.clone();
    if (versions != null) {
      versions = versions.clone();
    }
    shared = false;
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

  /**
   * The value of (key, namespace), or null. With a copier, the value may be changed in place by the caller, so a
   * value that a snapshot may hold is first replaced by a copy.
   */
  @SuppressWarnings("unchecked")
  V get(K key, N namespace, int hash) {
    int i = indexOf(key, namespace, hash);
    if (i < 0) {
      return null;
    }
    if (versions != null && versions[i] != version) {
      copyValue(i);
    }
    return (V) values[i];
  }

  /** Replaces the value in slot {@code i}, which a snapshot may hold, by a copy of this version. */
  private void copyValue(int i) {
    unshare();
    values[i] = copier.apply(values[i]);
    versions[i] = version;
  }

  /** Sets the value (non-null) of (key, namespace). */
  void put(K key, N namespace, int hash, V value) {
    unshare();
    Object[] ks = keys;
    int m = mask;
    int i = hash & m;
    for (Object k; (k = ks[i]) != null; i = (i + 1) & m) {
      if (hashes[i] == hash && (k == key || k.equals(key)) && sameNamespace(namespaces[i], namespace)) {
        values[i] = value;
        if (versions != null) {
          versions[i] = version;
        }
        return;
      }
    }
    ks[i] = key;
    namespaces[i] = namespace;
    values[i] = value;
    hashes[i] = hash;
    if (versions != null) {
      versions[i] = version;
    }
    if (++size > resizeAt) {
      grow();
    }
  }

  /**
   * Removes (key, namespace) and returns its value, or null if absent. With a copier the caller may change the
   * returned value (merging lists, say), so a value that a snapshot may hold comes back as a copy.
   */
  @SuppressWarnings("unchecked")
  V remove(K key, N namespace, int hash) {
    int i = indexOf(key, namespace, hash);
    if (i < 0) {
      return null;
    }
    unshare();
    Object old = values[i];
    if (versions != null && versions[i] != version) {
      old = copier.apply(old);
    }
    deleteSlot(i);
    return (V) old;
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
        if (versions != null) {
          versions[hole] = versions[j];
        }
        hole = j;
      }
    }
    keys[hole] = null;
    namespaces[hole] = null;
    values[hole] = null;
    size--;
  }

  /** Moves every entry into new arrays of twice the size (the old ones are left as they are, for a snapshot). */
  private void grow() {
    Object[] oldKeys = keys;
    Object[] oldNamespaces = namespaces;
    Object[] oldValues = values;
    int[] oldHashes = hashes;
    int[] oldVersions = versions;
    allocate(oldKeys.length * 2, oldVersions != null);
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
        if (versions != null) {
          versions[i] = oldVersions[j];
        }
      }
    }
  }

  /**
   * The entries as they are now, for a snapshot, in O(1): the arrays themselves, which this map no longer changes
   * (it copies them before its next change, and copies values that may change in place on their next access).
   * Keys and namespaces must be immutable anyway.
   */
  Frozen freeze() {
    shared = true;
    version++;
    if (copier != null && versions == null) {
      versions = new int[keys.length]; // every value predates this freeze: each is copied on its next access
    }
    return new Frozen(keys, namespaces, values, size);
  }

  /**
   * Entries frozen by {@link #freeze}; read by the checkpoint I/O thread only. The arrays are a hash table's:
   * slots with a null key are empty.
   */
  record Frozen(Object[] keys, Object[] namespaces, Object[] values, int size) {}
}
