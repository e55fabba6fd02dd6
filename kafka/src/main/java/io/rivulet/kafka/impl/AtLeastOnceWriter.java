package io.rivulet.kafka.impl;

import io.rivulet.api.connector.SinkWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One subtask of an at-least-once Kafka sink: an idempotent producer, flushed at every checkpoint and at the
 * end of input, so that what a checkpoint covers is acknowledged before the checkpoint completes. Task thread
 * only, except the send callbacks (producer I/O thread), which record the first failure.
 */
public final class AtLeastOnceWriter<T> implements SinkWriter<T> {
  private final SinkConfig<T> config;
  private final Producer<byte[], byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  public AtLeastOnceWriter(SinkConfig<T> config, int subtask) {
    this.config = config;
    Map<String, Object> p = ClientProperties.producer(config);
    p.remove(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "rivulet-sink-" + config.topic() + "-" + subtask);
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public void write(T value, long timestamp) throws Exception {
    checkFailure();
    producer.send(config.serializer().serialize(value, timestamp, config.topic()), (metadata, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      }
    });
  }

  @Override
  public byte[] snapshotState(long checkpointId) {
    flush();
    return null;
  }

  @Override
  public void finish() {
    flush();
  }

  private void flush() {
    producer.flush();
    checkFailure();
  }

  private void checkFailure() {
    Exception e = failure.get();
    if (e != null) {
      throw new KafkaSinkException("writing to Kafka topic " + config.topic() + " failed", e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
