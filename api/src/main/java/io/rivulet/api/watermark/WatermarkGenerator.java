package io.rivulet.api.watermark;

/** Produces watermarks from the events it sees and/or periodically. One instance per subtask (or split). */
public interface WatermarkGenerator<T> {
  void onEvent(T event, long timestamp, WatermarkOutput output);

  /** Called every auto-watermark interval (job config, default 200 ms of processing time). */
  void onPeriodicEmit(WatermarkOutput output);
}
