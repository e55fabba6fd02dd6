package io.rivulet.kafka.impl;

import io.rivulet.kafka.KafkaRecordDeserializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Adapts a Kafka {@link Deserializer} class to {@link KafkaRecordDeserializer}: the class and its settings travel
 * in the job graph, the instance is made on first use in the subtask that uses it (task thread only).
 */
public final class ValueDeserializerAdapter<T> implements KafkaRecordDeserializer<T> {
  private final Class<? extends Deserializer<T>> type;
  private final HashMap<String, Object> configs;
  private transient Deserializer<T> instance;

  public ValueDeserializerAdapter(Class<? extends Deserializer<T>> type, Map<String, ?> configs) {
    this.type = type;
    this.configs = new HashMap<>(configs);
  }

  @Override
  public T deserialize(ConsumerRecord<byte[], byte[]> record) throws Exception {
    if (instance == null) {
      Deserializer<T> d = type.getDeclaredConstructor().newInstance();
      d.configure(configs, false);
      instance = d;
    }
    return instance.deserialize(record.topic(), record.headers(), record.value());
  }
}
