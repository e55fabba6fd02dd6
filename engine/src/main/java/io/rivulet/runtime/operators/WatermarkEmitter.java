package io.rivulet.runtime.operators;

import io.rivulet.api.watermark.WatermarkOutput;

/**
 * Turns a watermark generator's calls into operator output: forwards only advancing watermarks and
 * changes of idleness. Task thread only.
 */
final class WatermarkEmitter implements WatermarkOutput {
  private final Output<?> output;
  private final OperatorMetrics metrics;
  private long current = Long.MIN_VALUE;
  private boolean idle;

  WatermarkEmitter(Output<?> output, OperatorMetrics metrics) {
    this.output = output;
    this.metrics = metrics;
  }

  @Override
  public void emitWatermark(long watermark) {
    if (idle) {
      markActive();
    }
    if (watermark > current) {
      current = watermark;
      metrics.setCurrentWatermark(watermark);
      output.emitWatermark(watermark);
    }
  }

  @Override
  public void markIdle() {
    if (!idle) {
      idle = true;
      output.emitIdle(true);
    }
  }

  @Override
  public void markActive() {
    if (idle) {
      idle = false;
      output.emitIdle(false);
    }
  }

  long current() {
    return current;
  }
}
