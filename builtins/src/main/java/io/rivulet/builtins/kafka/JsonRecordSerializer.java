package io.rivulet.builtins.kafka;

import io.rivulet.builtins.records.RecordType;
import io.rivulet.kafka.KafkaRecordSerializer;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a record of a {@link RecordType} as its compact JSON form ({@link RecordType#toJson}), keyed by its
 * {@code key} field in decimal when the type has one (so that a key's records share a partition), without a key
 * otherwise.
 *
 * <p>The Kafka record carries no event time: the producer stamps the time it was written. The built-ins' event
 * times are synthetic (a final result is stamped at the end of time), which the broker's timestamp checks and
 * time-based retention would trip over.
 */
public final class JsonRecordSerializer<T> implements KafkaRecordSerializer<T> {
  @Serial private static final long serialVersionUID = 1L;

  private final RecordType<T> type;
  /** The position of the {@code key} field, or -1. */
  private final int keyIndex;

  public JsonRecordSerializer(RecordType<T> type) {
    this.type = type;
    this.keyIndex = type.indexOf("key");
  }

  public RecordType<T> type() {
    return type;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(T value, long timestamp, String topic) {
    byte[] key = keyIndex < 0 ? null : Long.toString(type.get(value, keyIndex)).getBytes(StandardCharsets.US_ASCII);
    // the JSON form is ASCII: field names are letters, digits and '_', values are integers
    return new ProducerRecord<>(topic, null, null, key, type.toJson(value).getBytes(StandardCharsets.US_ASCII));
  }
}
