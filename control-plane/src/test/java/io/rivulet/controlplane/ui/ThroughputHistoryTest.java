package io.rivulet.controlplane.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThroughputHistoryTest {

  @Test
  void rateIsTheGrowthOfAllRunningJobsPerSecond() {
    ThroughputHistory h = new ThroughputHistory(10);
    h.record(1_000, Map.of("a", 100L));
    assertThat(h.samples()).isEmpty(); // one feed gives no rate yet
    h.record(2_000, Map.of("a", 600L, "b", 400L)); // b started within the interval: counts from zero
    h.record(2_500, Map.of("a", 700L, "b", 500L));
    assertThat(h.samples()).containsExactly(new ThroughputHistory.Sample(2_000, 900.0),
        new ThroughputHistory.Sample(2_500, 400.0));
  }

  @Test
  void endedJobsDropOutAndRestartedCountersCountFromZero() {
    ThroughputHistory h = new ThroughputHistory(10);
    h.record(0, Map.of("a", 1_000L, "b", 50L));
    h.record(1_000, Map.of("a", 30L)); // a restarted (counters again from 0), b ended
    assertThat(h.samples()).containsExactly(new ThroughputHistory.Sample(1_000, 30.0));
  }

  @Test
  void keepsTheNewestSamplesAndIgnoresAClockThatDidNotMove() {
    ThroughputHistory h = new ThroughputHistory(2);
    for (int t = 0; t <= 3_000; t += 1_000) {
      h.record(t, Map.of("a", (long) t));
    }
    h.record(3_000, Map.of("a", 9_999L));
    assertThat(h.samples()).extracting(ThroughputHistory.Sample::timestamp).containsExactly(2_000L, 3_000L);
    assertThat(h.samples()).extracting(ThroughputHistory.Sample::recordsPerSecond).containsOnly(1_000.0);
    assertThatThrownBy(() -> new ThroughputHistory(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
