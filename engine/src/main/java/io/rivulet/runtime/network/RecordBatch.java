package io.rivulet.runtime.network;

/**
 * The buffer of a LOCAL channel: up to {@code capacity} records handed over as object references, with
 * their timestamps and (on hash edges) their already extracted keys, so the keyed receiver need not extract
 * them again. Owned by the receiving gate's pool; the producer fills it, the consumer reads it and gives it
 * back through {@link LocalChannel#recycle}. Never touched by two threads at once: the hand-over goes
 * through the gate's lock.
 */
public final class RecordBatch {
  final Object[] values;
  final long[] timestamps;
  final Object[] keys;
  int size;
  /** True if borrowed from the gate's floating pool rather than one of the channel's exclusive buffers. */
  boolean floating;

  public RecordBatch(int capacity) {
    values = new Object[capacity];
    timestamps = new long[capacity];
    keys = new Object[capacity];
  }

  public int size() {
    return size;
  }

  public int capacity() {
    return values.length;
  }

  public boolean isFull() {
    return size == values.length;
  }

  public Object value(int i) {
    return values[i];
  }

  public long timestamp(int i) {
    return timestamps[i];
  }

  /** The key extracted by the hash partitioner, or null on other edges. */
  public Object key(int i) {
    return keys[i];
  }

  /** Appends a record; the caller checked {@link #isFull()}. */
  public void add(Object value, long timestamp, Object key) {
    int i = size++;
    values[i] = value;
    timestamps[i] = timestamp;
    keys[i] = key;
  }

  /** Drops references so that consumed records can be collected, and empties the batch. */
  public void clear() {
    java.util.Arrays.fill(values, 0, size, null);
    java.util.Arrays.fill(keys, 0, size, null);
    size = 0;
  }
}
