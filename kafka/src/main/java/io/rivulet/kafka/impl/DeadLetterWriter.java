package io.rivulet.kafka.impl;

import io.rivulet.kafka.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records a source could not decode to the dead-letter topic, with {@link DeadLetterHeaders}. The
 * producer is made on the first dead letter. Sends are asynchronous; {@link #flush()} (at every checkpoint)
 * makes them durable before the checkpoint covers their offsets, so a dead letter is never lost (it may be
 * written twice after a restore). A failed send fails the task at the next {@link #checkFailure()}.
 *
 * <p>Task thread, except the send callbacks (producer I/O thread), which only set {@link #failure}.
 */
final class DeadLetterWriter implements AutoCloseable {
  private final String topic;
  private final Map<String, Object> producerProperties;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private Producer<byte[], byte[]> producer;

  DeadLetterWriter(String topic, Map<String, Object> clientProperties, String clientId) {
    this.topic = topic;
    Map<String, Object> p = new HashMap<>(clientProperties);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    this.producerProperties = p;
  }

  String topic() {
    return topic;
  }

  /** Sends a dead letter for {@code record}, which failed to decode with {@code cause}. */
  void send(ConsumerRecord<byte[], byte[]> record, Throwable cause) {
    if (producer == null) {
      producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
    }
    RecordHeaders headers = new RecordHeaders();
    for (Header h : record.headers()) {
      headers.add(h);
    }
    headers.add(DeadLetterHeaders.EXCEPTION_CLASS, utf8(cause.getClass().getName()));
    headers.add(DeadLetterHeaders.EXCEPTION_MESSAGE, utf8(cause.getMessage() == null ? "" : cause.getMessage()));
    headers.add(DeadLetterHeaders.ORIGIN_TOPIC, utf8(record.topic()));
    headers.add(DeadLetterHeaders.ORIGIN_PARTITION, utf8(Integer.toString(record.partition())));
    headers.add(DeadLetterHeaders.ORIGIN_OFFSET, utf8(Long.toString(record.offset())));
    headers.add(DeadLetterHeaders.ORIGIN_TIMESTAMP, utf8(Long.toString(record.timestamp())));
    Long timestamp = record.timestamp() >= 0 ? record.timestamp() : null;
    producer.send(new ProducerRecord<>(topic, null, timestamp, record.key(), record.value(), headers),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  /** Throws if a dead letter could not be written. */
  void checkFailure() {
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("cannot write a dead letter to Kafka topic " + topic, e);
    }
  }

  /** Waits until every dead letter sent so far is written (or failed). */
  void flush() {
    if (producer != null) {
      producer.flush();
    }
    checkFailure();
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
