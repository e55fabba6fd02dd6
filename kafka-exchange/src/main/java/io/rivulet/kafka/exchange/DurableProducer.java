package io.rivulet.kafka.exchange;

import io.rivulet.runtime.network.TaskWaker;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka producer of one producer subtask on one DURABLE edge, shared by that subtask's output channels to
 * all consumers. Created by the task thread when the task opens its channels; {@link #send} and everything
 * but the callback run on the task thread.
 *
 * <p>Credit: the bytes handed to Kafka and not yet acknowledged are counted; above {@code maxInFlightBytes}
 * {@link #hasCredit()} is false, and the task stops taking input (back pressure) until acknowledgements bring
 * the count back down, when the callback (Kafka's I/O thread) wakes the task. The bound stays below the
 * producer's {@code buffer.memory}, so {@code send} never blocks the task thread.
 */
final class DurableProducer implements Callback {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private final String topic;
  private final Map<String, Object> config;
  private final long maxInFlightBytes;
  private final TaskWaker waker;
  /** Bytes sent and not acknowledged; written by the task thread (+) and Kafka's I/O thread (−). */
  private final AtomicLong inFlight = new AtomicLong();
  /** The first failed send; set by Kafka's I/O thread, thrown on the task thread. */
  private volatile Exception failure;
  private KafkaProducer<byte[], byte[]> producer;
  private boolean closed;

  DurableProducer(String topic, String clientId, Map<String, Object> config, long maxInFlightBytes, TaskWaker waker) {
    this.topic = topic;
    Map<String, Object> c = new HashMap<>(config);
    c.put("client.id", clientId);
    this.config = c;
    this.maxInFlightBytes = maxInFlightBytes;
    this.waker = waker;
  }

  /** Creates the Kafka client (task thread, when the task opens its channels). Idempotent. */
  void open() {
    if (producer == null && !closed) {
      producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
  }

  boolean hasCredit() {
    return inFlight.get() < maxInFlightBytes;
  }

  void send(int partition, byte[] value) {
    Exception f = failure;
    if (f != null) {
      throw new IllegalStateException("writing to Kafka topic " + topic + " failed: " + f, f);
    }
    if (producer == null) {
      throw new IllegalStateException("producer of topic " + topic + " is " + (closed ? "closed" : "not open"));
    }
    inFlight.addAndGet(value.length);
    producer.send(new ProducerRecord<>(topic, partition, null, null, value), this);
  }

  /** Kafka's I/O thread: a record was acknowledged (or failed). */
  @Override
  public void onCompletion(RecordMetadata metadata, Exception exception) {
    if (exception != null) {
      if (failure == null) {
        failure = exception;
      }
      waker.wakeUp();
      return;
    }
    long size = Math.max(0, metadata.serializedValueSize());
    long after = inFlight.addAndGet(-size);
    if (after < maxInFlightBytes && after + size >= maxInFlightBytes) {
      waker.wakeUp(); // credit came back
    }
  }

  /**
   * Waits until everything sent is acknowledged; throws the first failure. Task thread, at end of input (after the
   * END of each channel), so that no write can still fail once the task reported that it finished.
   */
  void flush() {
    if (producer != null) {
      producer.flush();
    }
    Exception f = failure;
    if (f != null) {
      throw new IllegalStateException("writing to Kafka topic " + topic + " failed: " + f, f);
    }
  }

  long inFlightBytes() {
    return inFlight.get();
  }

  /**
   * Releases the Kafka client. Graceful (the task finished): nothing is pending any more, since {@link #flush} ran at
   * end of input, so this only lets the client say goodbye; otherwise (cancel, failure) what is pending is dropped.
   * Idempotent.
   */
  void close(boolean graceful) {
    if (closed) {
      return;
    }
    closed = true;
    KafkaProducer<byte[], byte[]> p = producer;
    producer = null;
    if (p != null) {
      p.close(graceful ? CLOSE_TIMEOUT : Duration.ZERO);
    }
  }
}
