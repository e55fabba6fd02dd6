package io.rivulet.api.functions;

/**
 * Time as a function sees it. Registering timers is possible only on keyed streams, where a timer belongs
 * to the current key and fires once per (key, timestamp) however often it was registered.
 */
public interface TimerService {
  long currentProcessingTime();

  /** The operator's current event-time watermark; {@link Long#MIN_VALUE} before the first one. */
  long currentWatermark();

  void registerEventTimeTimer(long time);

  void registerProcessingTimeTimer(long time);

  void deleteEventTimeTimer(long time);

  void deleteProcessingTimeTimer(long time);
}
