package io.rivulet.runtime.state.timers;

import io.rivulet.runtime.state.KeyGroupRange;
import java.util.Arrays;
import java.util.HashMap;

/**
 * Timers of one domain (event or processing time) of one timer service: a binary min-heap by (timestamp,
 * registration order) for firing, plus one hash set per key group for deduplication, deletion and
 * snapshots by key group. Each entry knows its heap index, so deleting a timer costs O(log n). Owned by
 * the task thread.
 */
final class TimerQueue<K, N> {
  private final int firstKeyGroup;
  private final HashMap<TimerEntry<K, N>, TimerEntry<K, N>>[] byKeyGroup;
  private final TimerEntry<K, N> probe = new TimerEntry<>();
  private TimerEntry<K, N>[] heap;
  private int size;
  private long nextSeq;

  @SuppressWarnings("unchecked")
  TimerQueue(KeyGroupRange range) {
    this.firstKeyGroup = range.start();
    this.byKeyGroup = new HashMap[range.size()];
    this.heap = new TimerEntry[16];
  }

  /** @return false if the timer was already registered */
  boolean add(long timestamp, K key, N namespace, int keyGroup) {
    HashMap<TimerEntry<K, N>, TimerEntry<K, N>> set = setOf(keyGroup);
    if (set.containsKey(probe.reset(timestamp, key, namespace))) {
      return false;
    }
    TimerEntry<K, N> timer = new TimerEntry<>(timestamp, key, namespace, keyGroup, nextSeq++);
    set.put(timer, timer);
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    heap[size] = timer;
    timer.heapIndex = size;
    siftUp(size++);
    return true;
  }

  /** @return false if no such timer was registered */
  boolean remove(long timestamp, K key, N namespace, int keyGroup) {
    HashMap<TimerEntry<K, N>, TimerEntry<K, N>> set = byKeyGroup[keyGroup - firstKeyGroup];
    TimerEntry<K, N> timer = set == null ? null : set.remove(probe.reset(timestamp, key, namespace));
    if (timer == null) {
      return false;
    }
    removeAt(timer.heapIndex);
    return true;
  }

  TimerEntry<K, N> peek() {
    return size == 0 ? null : heap[0];
  }

  TimerEntry<K, N> poll() {
    TimerEntry<K, N> head = peek();
    if (head != null) {
      byKeyGroup[head.keyGroup - firstKeyGroup].remove(head);
      removeAt(0);
    }
    return head;
  }

  int size() {
    return size;
  }

  /** A copy of the timers of one key group, or null if it has none; for the synchronous snapshot part. */
  @SuppressWarnings("unchecked")
  TimerEntry<K, N>[] freeze(int keyGroup) {
    HashMap<TimerEntry<K, N>, TimerEntry<K, N>> set = byKeyGroup[keyGroup - firstKeyGroup];
    return set == null || set.isEmpty() ? null : set.keySet().toArray(new TimerEntry[0]);
  }

  private HashMap<TimerEntry<K, N>, TimerEntry<K, N>> setOf(int keyGroup) {
    int i = keyGroup - firstKeyGroup;
    HashMap<TimerEntry<K, N>, TimerEntry<K, N>> set = byKeyGroup[i];
    if (set == null) {
      set = byKeyGroup[i] = new HashMap<>();
    }
    return set;
  }

  private void removeAt(int index) {
    TimerEntry<K, N> removed = heap[index];
    removed.heapIndex = -1;
    int last = --size;
    if (index != last) {
      TimerEntry<K, N> moved = heap[last];
      heap[index] = moved;
      moved.heapIndex = index;
      heap[last] = null;
      siftDown(index);
      if (heap[index] == moved) {
        siftUp(index);
      }
    } else {
      heap[last] = null;
    }
  }

  private void siftUp(int index) {
    TimerEntry<K, N> t = heap[index];
    while (index > 0) {
      int parent = (index - 1) >>> 1;
      TimerEntry<K, N> p = heap[parent];
      if (!TimerEntry.before(t, p)) {
        break;
      }
      heap[index] = p;
      p.heapIndex = index;
      index = parent;
    }
    heap[index] = t;
    t.heapIndex = index;
  }

  private void siftDown(int index) {
    TimerEntry<K, N> t = heap[index];
    int half = size >>> 1;
    while (index < half) {
      int child = 2 * index + 1;
      int right = child + 1;
      if (right < size && TimerEntry.before(heap[right], heap[child])) {
        child = right;
      }
      if (!TimerEntry.before(heap[child], t)) {
        break;
      }
      heap[index] = heap[child];
      heap[index].heapIndex = index;
      index = child;
    }
    heap[index] = t;
    t.heapIndex = index;
  }
}
