package io.rivulet.api.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bounded out-of-orderness, monotonous timestamps, and idleness with a hand-set clock. */
class WatermarkStrategyTest {
  private final List<String> out = new ArrayList<>();
  private final WatermarkOutput output = new WatermarkOutput() {
    @Override
    public void emitWatermark(long watermark) {
      out.add("wm " + watermark);
    }

    @Override
    public void markIdle() {
      out.add("idle");
    }

    @Override
    public void markActive() {
      out.add("active");
    }
  };
  private long now;

  @Test
  void boundedOutOfOrdernessTrailsTheHighestTimestamp() {
    WatermarkGenerator<String> g = WatermarkStrategy.<String>forBoundedOutOfOrderness(Duration.ofMillis(100))
        .createGenerator(() -> now);
    g.onEvent("a", 1_000, output);
    g.onEvent("b", 900, output); // out of order: does not lower the watermark
    g.onPeriodicEmit(output);
    g.onEvent("c", 1_500, output);
    g.onPeriodicEmit(output);
    assertThat(out).containsExactly("wm 899", "wm 1399");
  }

  @Test
  void monotonousIsOneMillisecondBehind() {
    WatermarkGenerator<String> g = WatermarkStrategy.<String>forMonotonousTimestamps().createGenerator(() -> now);
    g.onEvent("a", 10, output);
    g.onPeriodicEmit(output);
    assertThat(out).containsExactly("wm 9");
  }

  @Test
  void quietInputTurnsIdleAfterTheTimeoutAndActiveWithTheNextEvent() {
    WatermarkGenerator<String> g = WatermarkStrategy.<String>forMonotonousTimestamps()
        .withIdleness(Duration.ofSeconds(5)).createGenerator(() -> now);
    g.onEvent("a", 10, output);
    g.onPeriodicEmit(output); // events since the last check: emits
    now = 1_000;
    g.onPeriodicEmit(output); // quiet since now
    now = 5_999;
    g.onPeriodicEmit(output); // quiet for 4999 ms: still active
    assertThat(out).containsExactly("wm 9", "wm 9", "wm 9");
    now = 6_000;
    g.onPeriodicEmit(output);
    assertThat(out).endsWith("idle");
    g.onEvent("b", 20, output);
    assertThat(out).endsWith("idle", "active");
    g.onPeriodicEmit(output);
    assertThat(out).endsWith("wm 19");
  }
}
