package io.rivulet.kafka.impl;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets the records of one transaction got, per partition, as inclusive ranges {@code [from, to]}:
 * consecutive offsets (a producer batch) fold into one range. Filled by the producer's I/O thread (send
 * callbacks), read by the task thread after a flush; hence synchronized.
 */
final class OffsetRanges {
  private final Map<TopicPartition, long[]> ranges = new HashMap<>();
  private final Map<TopicPartition, Integer> sizes = new HashMap<>();
  private long count;

  synchronized void add(TopicPartition tp, long offset) {
    long[] r = ranges.get(tp);
    int n = sizes.getOrDefault(tp, 0);
    count++;
    if (r != null && n > 0 && r[n - 1] == offset - 1) {
      r[n - 1] = offset; // extends the last range
      return;
    }
    if (r == null) {
      r = new long[8];
    } else if (n + 2 > r.length) {
      r = Arrays.copyOf(r, r.length * 2);
    }
    r[n] = offset;
    r[n + 1] = offset;
    ranges.put(tp, r);
    sizes.put(tp, n + 2);
  }

  /** Records added so far. */
  synchronized long count() {
    return count;
  }

  /** A copy: partition -> {@code [from0, to0, from1, to1, ...]}. */
  synchronized Map<TopicPartition, long[]> snapshot() {
    Map<TopicPartition, long[]> copy = new HashMap<>();
    ranges.forEach((tp, r) -> copy.put(tp, Arrays.copyOf(r, sizes.get(tp))));
    return copy;
  }
}
