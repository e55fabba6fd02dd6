package io.rivulet.kafka.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What an exactly-once sink subtask does when it starts: fence its own transactional ids, find out which of the
 * restored pending transactions committed, and copy the records of those that did not into new transactions.
 * See {@code KafkaSink} for why this is exactly once. Runs on the task thread; blocks on the network.
 */
final class TransactionRecovery {
  private static final long TIMEOUT_SECONDS = 60;

  private TransactionRecovery() {}

  /** Indexes of this subtask's transactional ids that the transaction coordinators know, in any state. */
  static List<Integer> knownIndexes(Admin admin, ProducerPool pool) {
    List<Integer> indexes = new ArrayList<>();
    for (TransactionListing t : get(admin.listTransactions().all(), "list transactions")) {
      int index = pool.indexOf(t.transactionalId());
      if (index >= 0) {
        indexes.add(index);
      }
    }
    indexes.sort(null);
    return indexes;
  }

  /** The token in the commit marker: of the last transaction this subtask committed; null if none. */
  static String committedToken(Admin admin, String group, TopicPartition marker) {
    Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(
            Map.of(group, new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(marker))),
            new ListConsumerGroupOffsetsOptions().requireStable(true))
        .partitionsToOffsetAndMetadata(group), "read the commit marker of group " + group);
    OffsetAndMetadata m = offsets.get(marker);
    return m == null ? null : m.metadata();
  }

  /**
   * Copies the records of {@code t} (aborted by fencing, still in the log) into the open transaction of
   * {@code into}, partition by partition in offset order.
   */
  static void copy(PendingTransaction t, TransactionalProducer into, Map<String, Object> consumerProperties) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      for (Map.Entry<TopicPartition, long[]> e : t.offsets().entrySet()) {
        TopicPartition tp = e.getKey();
        consumer.assign(List.of(tp));
        long[] ranges = e.getValue();
        for (int i = 0; i < ranges.length; i += 2) {
          copyRange(consumer, tp, ranges[i], ranges[i + 1], into, t);
        }
      }
    } catch (OffsetOutOfRangeException e) {
      throw new KafkaSinkException("cannot recover transaction " + t.transactionalId() + " of checkpoint "
          + t.checkpointId() + ": its records are no longer in the log (deleted by retention)", e);
    }
  }

  private static void copyRange(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long from, long to,
      TransactionalProducer into, PendingTransaction t) {
    consumer.seek(tp, from);
    long expected = from;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (expected <= to) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200)).records(tp)) {
        if (r.offset() < expected) {
          continue;
        }
        if (r.offset() > to) {
          break;
        }
        if (r.offset() != expected) {
          throw gone(t, tp, expected);
        }
        into.send(new ProducerRecord<>(tp.topic(), tp.partition(), r.timestamp() >= 0 ? r.timestamp() : null,
            r.key(), r.value(), r.headers()));
        expected++;
      }
      if (expected <= to && consumer.position(tp) > to) {
        throw gone(t, tp, expected); // the consumer passed the range without finding the record
      }
      if (expected <= to && System.nanoTime() > deadline) {
        throw new KafkaSinkException("cannot read back " + tp + " offsets " + expected + ".." + to + " of transaction "
            + t.transactionalId() + " within " + TIMEOUT_SECONDS + " s");
      }
    }
  }

  private static KafkaSinkException gone(PendingTransaction t, TopicPartition tp, long offset) {
    return new KafkaSinkException("cannot recover transaction " + t.transactionalId() + " of checkpoint "
        + t.checkpointId() + ": its record at " + tp + " offset " + offset + " is gone (a compacted topic?)");
  }

  static <V> V get(org.apache.kafka.common.KafkaFuture<V> future, String what) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new KafkaSinkException("cannot " + what, e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaSinkException("cannot " + what + " within " + TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaSinkException("interrupted while trying to " + what, e);
    }
  }
}
