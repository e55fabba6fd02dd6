package io.rivulet.kafka;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns a value into the Kafka record a {@link KafkaSink} writes. Runs on the sink's task thread, one instance
 * per subtask (it travels in the job graph, hence {@link Serializable}).
 */
@FunctionalInterface
public interface KafkaRecordSerializer<T> extends Serializable {

  /**
   * @param timestamp the value's event time in epoch milliseconds, or {@link Long#MIN_VALUE} when it has none
   * @param topic the sink's topic (a serializer may choose another one)
   */
  ProducerRecord<byte[], byte[]> serialize(T value, long timestamp, String topic) throws Exception;

  /** A function of a value, shipped in the job graph. */
  @FunctionalInterface
  interface Bytes<T> extends Serializable {
    byte[] apply(T value) throws Exception;
  }

  /**
   * Key and value from two functions (a null key lets Kafka spread records over partitions); the record
   * carries the value's event time when it has one.
   */
  static <T> KafkaRecordSerializer<T> of(Bytes<T> key, Bytes<T> value) {
    return (v, timestamp, topic) -> new ProducerRecord<>(topic, null,
        timestamp == Long.MIN_VALUE ? null : timestamp, key == null ? null : key.apply(v), value.apply(v));
  }

  /** {@code toString()} of the value as UTF-8, without a key. */
  static <T> KafkaRecordSerializer<T> utf8Values() {
    return of(null, v -> String.valueOf(v).getBytes(StandardCharsets.UTF_8));
  }
}
