package io.rivulet.kafka.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.runtime.network.durable.DurableExchanges;
import org.junit.jupiter.api.Test;

class KafkaDurableExchangeTest {

  /** What every process with this module on its class path relies on: the engine finds the exchange by itself. */
  @Test
  void theEngineFindsTheKafkaExchangeOnTheClassPath() {
    assertThat(DurableExchanges.find()).get().isInstanceOf(KafkaDurableExchange.class);
  }
}
