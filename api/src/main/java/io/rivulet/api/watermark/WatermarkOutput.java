package io.rivulet.api.watermark;

/** Where a {@link WatermarkGenerator} emits. */
public interface WatermarkOutput {
  /** Emits a watermark; watermarks that do not advance are ignored downstream. */
  void emitWatermark(long watermark);

  /** Declares this input idle: it is left out of the minimum downstream until it emits again. */
  void markIdle();

  /** Declares this input active again (emitting a watermark does this too). */
  void markActive();
}
