package io.rivulet.runtime.state;

/**
 * Key-group arithmetic. A key belongs to key group {@code murmur(hashCode) mod maxParallelism}; subtask
 * {@code i} of {@code p} owns a contiguous range of key groups, so state moves between subtasks in whole key
 * groups when the parallelism changes.
 */
public final class KeyGroups {
  private KeyGroups() {}

  public static int keyGroupFor(Object key, int maxParallelism) {
    return Math.floorMod(murmurMix(key.hashCode()), maxParallelism);
  }

  /** The subtask (of {@code parallelism}) that owns {@code keyGroup}. */
  public static int subtaskForKeyGroup(int keyGroup, int maxParallelism, int parallelism) {
    return (int) ((long) keyGroup * parallelism / maxParallelism);
  }

  public static int subtaskForKey(Object key, int maxParallelism, int parallelism) {
    return subtaskForKeyGroup(keyGroupFor(key, maxParallelism), maxParallelism, parallelism);
  }

  /** The key groups subtask {@code index} of {@code parallelism} owns (the inverse of the above). */
  public static KeyGroupRange rangeForSubtask(int index, int maxParallelism, int parallelism) {
    int start = (int) (((long) index * maxParallelism + parallelism - 1) / parallelism);
    int end = (int) (((long) (index + 1) * maxParallelism + parallelism - 1) / parallelism) - 1;
    return new KeyGroupRange(start, end);
  }

  /** Spreads poor {@code hashCode}s (e.g. of small Integers) over all key groups (murmur3 fmix32). */
  static int murmurMix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
