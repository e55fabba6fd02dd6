package io.rivulet.builtins.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.builtins.records.KeySummary;
import io.rivulet.builtins.records.RecordType;
import io.rivulet.kafka.DeliveryGuarantee;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** What the kafka-sink built-in writes, and where it finds its cluster. */
class RecordKafkaSinkTest {

  @Test
  void aRecordIsWrittenAsJsonKeyedByItsKeyFieldInDecimal() {
    JsonRecordSerializer<KeySummary> s = new JsonRecordSerializer<>(RecordType.KEY_SUMMARY);
    ProducerRecord<byte[], byte[]> r = s.serialize(new KeySummary(-12, 10000, 0, 9999), 123L, "verdicts");
    assertThat(r.topic()).isEqualTo("verdicts");
    assertThat(r.partition()).isNull(); // the producer's partitioner hashes the key
    assertThat(r.timestamp()).isNull(); // stamped by the producer: the built-ins' event times are synthetic
    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("-12");
    String value = new String(r.value(), StandardCharsets.UTF_8);
    assertThat(value).isEqualTo("{\"key\":-12,\"records\":10000,\"violations\":0,\"lastSeq\":9999}");
    assertThat(KeySummary.fromJson(value)).isEqualTo(new KeySummary(-12, 10000, 0, 9999));
  }

  @Test
  void aTypeWithoutKeyFieldIsWrittenWithoutKey() {
    ProducerRecord<byte[], byte[]> r =
        new JsonRecordSerializer<>(RecordType.NUMBER).serialize(42L, Long.MIN_VALUE, "t");
    assertThat(r.key()).isNull();
    assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{\"value\":42}");
  }

  @Test
  void bootstrapServersComeFromTheSinkThenTheSystemPropertyThenTheEnvironment() {
    Map<String, String> props = Map.of(RecordKafkaSink.BOOTSTRAP_PROPERTY, "prop:9092");
    Map<String, String> env = Map.of(RecordKafkaSink.BOOTSTRAP_ENV, "env:9092");
    assertThat(RecordKafkaSink.resolveBootstrapServers("own:9092", "t", props::get, env::get)).isEqualTo("own:9092");
    assertThat(RecordKafkaSink.resolveBootstrapServers(null, "t", props::get, env::get)).isEqualTo("prop:9092");
    assertThat(RecordKafkaSink.resolveBootstrapServers(" ", "t", k -> " ", env::get)).isEqualTo("env:9092");
    assertThatThrownBy(() -> RecordKafkaSink.resolveBootstrapServers(null, "verdicts", k -> null, k -> ""))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the Kafka sink to topic 'verdicts' does not know which Kafka cluster")
        .hasMessageContaining("system property rivulet.kafka.bootstrap")
        .hasMessageContaining("environment variable RIVULET_KAFKA_BOOTSTRAP");
  }

  @Test
  void exactlyOnceNeedsATransactionalIdPrefix() {
    assertThatThrownBy(() -> new RecordKafkaSink<>(RecordType.KEY_SUMMARY, "t", null, DeliveryGuarantee.EXACTLY_ONCE,
        " ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transactionalIdPrefix");
    assertThatThrownBy(() -> new RecordKafkaSink<>(RecordType.KEY_SUMMARY, "", null, DeliveryGuarantee.AT_LEAST_ONCE,
        null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic");
    assertThat(new RecordKafkaSink<>(RecordType.KEY_SUMMARY, "t", "", DeliveryGuarantee.AT_LEAST_ONCE, "p"))
        .satisfies(s -> {
          assertThat(s.bootstrapServers()).isNull(); // blank: found where the sink runs
          assertThat(s.transactionalIdPrefix()).isNull(); // at least once uses no transactions
        });
  }

  @Test
  void theSinkTravelsInSerializedFormAndKeepsItsType() throws Exception {
    RecordKafkaSink<KeySummary> sink = new RecordKafkaSink<>(RecordType.KEY_SUMMARY, "verdicts", null,
        DeliveryGuarantee.EXACTLY_ONCE, "rivulet-sim-out");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(sink);
    }
    RecordKafkaSink<?> copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (RecordKafkaSink<?>) in.readObject();
    }
    assertThat(copy.type()).isSameAs(RecordType.KEY_SUMMARY);
    assertThat(copy.topic()).isEqualTo("verdicts");
    assertThat(copy.bootstrapServers()).isNull();
    assertThat(copy.guarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
    assertThat(copy.transactionalIdPrefix()).isEqualTo("rivulet-sim-out");
    assertThat(copy.name()).isEqualTo("Kafka(verdicts)");
  }
}
