package io.rivulet.kafka.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.config.JobConfig;
import org.junit.jupiter.api.Test;

/** The Kafka settings the exchange's guarantees depend on: defaults, and overrides that are refused. */
class DurableSettingsTest {
  private static JobConfig config() {
    return new JobConfig().kafkaBootstrapServers("127.0.0.1:9092");
  }

  @Test
  void producerKeepsOneRequestInFlightAndIsIdempotent() {
    DurableSettings s = DurableSettings.of(config());
    // more than one request in flight lets a retried first request be overtaken (KAFKA-15591): records lost
    assertThat(s.producer()).containsEntry("max.in.flight.requests.per.connection", "1")
        .containsEntry("enable.idempotence", "true").containsEntry("acks", "all");
  }

  @Test
  void overridesThatBreakPerPartitionOrderAreRefused() {
    assertThatThrownBy(() -> DurableSettings.of(
        config().durableExchangeProperty("producer.max.in.flight.requests.per.connection", "5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("producer.max.in.flight.requests.per.connection must be 1, was 5");
    assertThatThrownBy(() -> DurableSettings.of(config().durableExchangeProperty("producer.enable.idempotence",
        "false")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("producer.enable.idempotence must be true, was false");
  }

  @Test
  void otherProducerSettingsMayBeOverridden() {
    DurableSettings s = DurableSettings.of(config().durableExchangeProperty("producer.linger.ms", "20")
        .durableExchangeProperty("producer.max.in.flight.requests.per.connection", "1"));
    assertThat(s.producer()).containsEntry("linger.ms", "20");
  }
}
