package io.rivulet.kafka.impl;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One transactional producer of an exactly-once sink subtask and the transaction it runs, if any. Created with
 * {@code initTransactions()}, which fences earlier producers with the same transactional id and aborts what
 * they left open. Task thread only, except the send callbacks (producer I/O thread), which record offsets and
 * the first failure.
 */
final class TransactionalProducer implements AutoCloseable {
  final int index;
  final String transactionalId;
  private final Producer<byte[], byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private OffsetRanges offsets;
  private String token;
  private boolean open;

  private TransactionalProducer(int index, String transactionalId, Producer<byte[], byte[]> producer) {
    this.index = index;
    this.transactionalId = transactionalId;
    this.producer = producer;
  }

  /** Creates the producer for {@code transactionalId} and initializes (fences) it. Blocks for a round trip. */
  static TransactionalProducer create(Map<String, Object> producerProperties, int index, String transactionalId) {
    Map<String, Object> p = new java.util.HashMap<>(producerProperties);
    p.put("transactional.id", transactionalId);
    p.put("client.id", "rivulet-sink-" + transactionalId);
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    try {
      producer.initTransactions();
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
    return new TransactionalProducer(index, transactionalId, producer);
  }

  /** Begins a transaction; {@code token} identifies it in the commit marker (a replay reuses the original's). */
  void begin(String token) {
    this.token = token;
    this.offsets = new OffsetRanges();
    this.failure.set(null);
    producer.beginTransaction();
    open = true;
  }

  void begin() {
    begin(UUID.randomUUID().toString());
  }

  boolean isOpen() {
    return open;
  }

  void send(ProducerRecord<byte[], byte[]> record) {
    checkFailure();
    OffsetRanges into = offsets;
    producer.send(record, (metadata, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      } else {
        into.add(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset());
      }
    });
  }

  /**
   * Phase one: flushes the records and adds the commit marker, so that committing is all that is left. Blocks
   * until every record is acknowledged.
   */
  PendingTransaction preCommit(long checkpointId, ConsumerGroupMetadata markerGroup, TopicPartition markerPartition) {
    producer.flush();
    checkFailure();
    producer.sendOffsetsToTransaction(Map.of(markerPartition, new OffsetAndMetadata(checkpointId, token)),
        markerGroup);
    return new PendingTransaction(checkpointId, transactionalId, token, offsets.snapshot());
  }

  /** Phase two. */
  void commit() {
    producer.commitTransaction();
    open = false;
  }

  /** Aborts the open transaction, if any; failures are ignored (a restore fences and decides anyway). */
  void abortQuietly() {
    if (open) {
      open = false;
      try {
        producer.abortTransaction();
      } catch (RuntimeException e) {
        // fenced, or the broker is gone: the transaction ends by fencing or by its timeout
      }
    }
  }

  private void checkFailure() {
    Exception e = failure.get();
    if (e != null) {
      throw new KafkaSinkException("writing to Kafka failed in transaction " + transactionalId, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
