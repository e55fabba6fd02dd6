package io.rivulet.runtime.state.timers;

import io.rivulet.runtime.timers.InternalTimer;

/**
 * A registered timer: equal to another timer of the same (timestamp, key, namespace). Stored timers never
 * change after construction except {@link #heapIndex}, which only the owning {@link TimerQueue} reads;
 * snapshots hand them to the checkpoint I/O thread as they are. The one exception is each queue's lookup
 * probe, which is reset before every lookup and never stored.
 */
final class TimerEntry<K, N> implements InternalTimer<K, N> {
  private long timestamp;
  private K key;
  private N namespace;
  private int hash;
  /** Breaks ties between timers of equal timestamp: earlier registration fires first. */
  final long seq;

  final int keyGroup;
  /** Position in the queue's heap array; -1 when not queued. Owned by the task thread. */
  int heapIndex = -1;

  TimerEntry(long timestamp, K key, N namespace, int keyGroup, long seq) {
    this.timestamp = timestamp;
    this.key = key;
    this.namespace = namespace;
    this.keyGroup = keyGroup;
    this.seq = seq;
    this.hash = hash(timestamp, key, namespace);
  }

  /** A lookup probe. */
  TimerEntry() {
    this.keyGroup = -1;
    this.seq = -1;
  }

  TimerEntry<K, N> reset(long timestamp, K key, N namespace) {
    this.timestamp = timestamp;
    this.key = key;
    this.namespace = namespace;
    this.hash = hash(timestamp, key, namespace);
    return this;
  }

  private static int hash(long timestamp, Object key, Object namespace) {
    int h = Long.hashCode(timestamp);
    h = 31 * h + key.hashCode();
    return 31 * h + namespace.hashCode();
  }

  @Override
  public long timestamp() {
    return timestamp;
  }

  @Override
  public K key() {
    return key;
  }

  @Override
  public N namespace() {
    return namespace;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimerEntry<?, ?> t && t.hash == hash && t.timestamp == timestamp && t.key.equals(key)
        && t.namespace.equals(namespace);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "Timer{" + timestamp + ", key=" + key + ", namespace=" + namespace + "}";
  }

  static boolean before(TimerEntry<?, ?> a, TimerEntry<?, ?> b) {
    return a.timestamp < b.timestamp || (a.timestamp == b.timestamp && a.seq < b.seq);
  }
}
