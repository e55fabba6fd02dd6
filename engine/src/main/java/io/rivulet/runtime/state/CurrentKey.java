package io.rivulet.runtime.state;

import java.util.Objects;

/**
 * The key that a backend's state objects and timer services act on, with its key group and hash computed
 * once per {@link #set}. Owned by the task thread (like the backend that holds it); state objects read it
 * on every access, so the getters are plain field reads.
 */
public final class CurrentKey<K> {
  private final KeyGroupRange range;
  private final int maxParallelism;
  private K key;
  private int keyGroup = -1;
  private int keyHash;
  /** Incremented on every {@link #set}; lets RocksDB state reuse the serialized key while it is unchanged. */
  private int version;

  public CurrentKey(KeyGroupRange range, int maxParallelism) {
    this.range = range;
    this.maxParallelism = maxParallelism;
  }

  /**
   * @throws IllegalArgumentException if the key belongs to a key group outside this backend's range, which
   *     means records were routed with another max parallelism or key selector
   */
  public void set(K newKey) {
    Objects.requireNonNull(newKey, "keyed state needs a non-null key");
    int hash = newKey.hashCode();
    int group = Math.floorMod(KeyGroups.murmurMix(hash), maxParallelism);
    if (!range.contains(group)) {
      throw new IllegalArgumentException("key " + newKey + " belongs to key group " + group
          + ", outside this backend's key groups " + range + " (max parallelism " + maxParallelism + ")");
    }
    key = newKey;
    keyGroup = group;
    keyHash = hash;
    version++;
  }

  /** The current key, or null before the first {@link #set}. */
  public K key() {
    return key;
  }

  /** The current key; fails with a clear message when no key is set. */
  public K require() {
    K k = key;
    if (k == null) {
      throw new IllegalStateException("no current key: keyed state and timers are only available while a keyed"
          + " record or timer is being processed");
    }
    return k;
  }

  public int keyGroup() {
    return keyGroup;
  }

  /** {@code key().hashCode()}, cached. */
  public int keyHash() {
    return keyHash;
  }

  public int version() {
    return version;
  }

  public KeyGroupRange range() {
    return range;
  }

  public int maxParallelism() {
    return maxParallelism;
  }
}
