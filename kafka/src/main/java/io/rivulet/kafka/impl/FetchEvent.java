package io.rivulet.kafka.impl;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/** What the fetch thread hands to the task thread, in order. */
sealed interface FetchEvent {

  /**
   * The partitions are assigned and positioned: first event of every fetcher.
   *
   * @param start the offset each assigned partition reads from next
   * @param stop the offset each partition ends at (bounded mode), empty when unbounded
   */
  record Started(Map<TopicPartition, Long> start, Map<TopicPartition, Long> stop) implements FetchEvent {}

  /**
   * Records of one poll (possibly none), and the consumer's position in every assigned partition after them:
   * once the task thread emitted these records, it has consumed up to these positions (which may lie past the
   * last record, over transaction markers and aborted records).
   */
  record Records(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, Long> positions)
      implements FetchEvent {}

  /** The fetcher failed; the task fails with this cause. */
  record Failed(Throwable cause) implements FetchEvent {}
}
