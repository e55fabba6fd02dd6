package io.rivulet.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watermark of an input: the minimum over its channels, excluding idle and finished ones, never backwards. */
class WatermarkValveTest {
  private final List<String> out = new ArrayList<>();
  private final WatermarkValve.Listener listener = new WatermarkValve.Listener() {
    @Override
    public void onWatermark(long watermark) {
      out.add("wm " + watermark);
    }

    @Override
    public void onIdle(boolean idle) {
      out.add(idle ? "idle" : "active");
    }
  };

  @Test
  void minimumOverChannelsAndOnlyForward() throws Exception {
    WatermarkValve v = new WatermarkValve(3);
    v.watermark(0, 10, listener);
    v.watermark(1, 5, listener);
    assertThat(out).as("channel 2 has no watermark yet").isEmpty();
    v.watermark(2, 7, listener);
    assertThat(out).containsExactly("wm 5");
    v.watermark(1, 20, listener);
    assertThat(out).containsExactly("wm 5", "wm 7");
    v.watermark(2, 6, listener); // a channel going back is ignored
    assertThat(out).containsExactly("wm 5", "wm 7");
    v.watermark(2, 30, listener);
    assertThat(out).containsExactly("wm 5", "wm 7", "wm 10");
  }

  @Test
  void idleChannelsDoNotHoldTheWatermarkBack() throws Exception {
    WatermarkValve v = new WatermarkValve(2);
    v.watermark(0, 100, listener);
    assertThat(out).isEmpty();
    v.idle(1, true, listener);
    assertThat(out).containsExactly("wm 100");
    v.watermark(0, 150, listener);
    assertThat(out).containsExactly("wm 100", "wm 150");
    // the idle channel comes back behind: it joins the minimum but cannot move the watermark backwards
    v.watermark(1, 120, listener);
    v.watermark(0, 200, listener);
    assertThat(out).containsExactly("wm 100", "wm 150");
    v.watermark(1, 180, listener);
    assertThat(out).containsExactly("wm 100", "wm 150", "wm 180");
  }

  @Test
  void allChannelsIdleMakesTheInputIdleUntilOneIsActive() throws Exception {
    WatermarkValve v = new WatermarkValve(2);
    v.idle(0, true, listener);
    v.idle(1, true, listener);
    assertThat(out).containsExactly("idle");
    v.watermark(1, 42, listener);
    assertThat(out).containsExactly("idle", "active", "wm 42");
  }

  @Test
  void finishedChannelsAreLeftOut() throws Exception {
    WatermarkValve v = new WatermarkValve(2);
    v.watermark(0, 10, listener);
    v.finished(1, listener);
    assertThat(out).containsExactly("wm 10");
  }
}
