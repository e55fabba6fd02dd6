package io.rivulet.kafka.impl;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A transaction that is flushed and holds its commit marker, waiting for its checkpoint to complete: what a
 * sink checkpoint names so that a restored subtask can finish it.
 *
 * @param checkpointId the checkpoint whose completion commits it ({@code SinkWriter.END_OF_INPUT} for the tail)
 * @param token unique to the transaction; the commit marker holds it once the transaction committed
 * @param offsets where its records are: partition -> inclusive ranges {@code [from0, to0, from1, to1, ...]}
 */
record PendingTransaction(long checkpointId, String transactionalId, String token,
    Map<TopicPartition, long[]> offsets) {

  long recordCount() {
    long n = 0;
    for (long[] r : offsets.values()) {
      for (int i = 0; i < r.length; i += 2) {
        n += r[i + 1] - r[i] + 1;
      }
    }
    return n;
  }
}
