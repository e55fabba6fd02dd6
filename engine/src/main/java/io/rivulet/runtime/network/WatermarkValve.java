package io.rivulet.runtime.network;

import java.util.Arrays;

/**
 * Combines the watermarks and idleness of the channels of one input: the input's watermark is the minimum
 * over channels that are neither idle nor finished, and it only moves forward. When every live channel is
 * idle the input is idle. Task thread only.
 */
public final class WatermarkValve {
  /** Output of an update: what the input's watermark/idleness became. */
  public interface Listener {
    void onWatermark(long watermark) throws Exception;

    void onIdle(boolean idle) throws Exception;
  }

  private final long[] watermarks;
  private final boolean[] idle;
  private final boolean[] finished;
  private long combined = Long.MIN_VALUE;
  private boolean inputIdle;

  public WatermarkValve(int channels) {
    watermarks = new long[channels];
    Arrays.fill(watermarks, Long.MIN_VALUE);
    idle = new boolean[channels];
    finished = new boolean[channels];
  }

  public long combined() {
    return combined;
  }

  public void watermark(int channel, long watermark, Listener listener) throws Exception {
    if (watermark > watermarks[channel]) {
      watermarks[channel] = watermark;
    }
    if (idle[channel]) {
      idle[channel] = false;
    }
    recompute(listener);
  }

  public void idle(int channel, boolean isIdle, Listener listener) throws Exception {
    idle[channel] = isIdle;
    recompute(listener);
  }

  /** A finished channel no longer holds the watermark back. */
  public void finished(int channel, Listener listener) throws Exception {
    finished[channel] = true;
    recompute(listener);
  }

  private void recompute(Listener listener) throws Exception {
    long min = Long.MAX_VALUE;
    boolean anyActive = false;
    boolean anyLive = false;
    for (int i = 0; i < watermarks.length; i++) {
      if (finished[i]) {
        continue;
      }
      anyLive = true;
      if (!idle[i]) {
        anyActive = true;
        min = Math.min(min, watermarks[i]);
      }
    }
    boolean nowIdle = anyLive && !anyActive;
    if (nowIdle != inputIdle) {
      inputIdle = nowIdle;
      listener.onIdle(nowIdle);
    }
    if (!anyLive) {
      return; // all finished: the end-of-input path emits the final watermark
    }
    if (anyActive && min > combined) {
      combined = min;
      listener.onWatermark(min);
    }
  }
}
