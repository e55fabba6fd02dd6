package io.rivulet.kafka;

import io.rivulet.kafka.impl.ValueDeserializerAdapter;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a Kafka record into the value a {@link KafkaSource} emits. Runs on the source's task thread, one
 * instance per subtask (the instance travels in the job graph, hence {@link Serializable}).
 *
 * <p>Throwing means the record cannot be decoded: it goes to the dead-letter topic and the job goes on.
 * Returning {@code null} skips the record (e.g. a tombstone a job does not care about).
 */
@FunctionalInterface
public interface KafkaRecordDeserializer<T> extends Serializable {

  T deserialize(ConsumerRecord<byte[], byte[]> record) throws Exception;

  /**
   * Values as UTF-8 text; malformed UTF-8 is an error (dead letter), not a replacement character. A record
   * without a value is skipped.
   */
  static KafkaRecordDeserializer<String> utf8Values() {
    return record -> {
      byte[] v = record.value();
      return v == null ? null : decodeUtf8(v);
    };
  }

  /**
   * Values through a Kafka {@link Deserializer} class (instantiated once per subtask, configured with
   * {@code configs}); keys are ignored.
   */
  static <T> KafkaRecordDeserializer<T> valueOnly(Class<? extends Deserializer<T>> type, Map<String, ?> configs) {
    return new ValueDeserializerAdapter<>(type, configs);
  }

  /** Strict UTF-8 decoding: throws on malformed input. */
  static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
