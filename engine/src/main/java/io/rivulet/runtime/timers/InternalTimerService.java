package io.rivulet.runtime.timers;

/**
 * Timers of one keyed operator under one name, scoped to the current key of the keyed state backend and to
 * a namespace (e.g. a window). Registering an existing (key, namespace, time) again is a no-op. Timers are
 * part of the keyed state: they are checkpointed by key group and restored with the keys.
 */
public interface InternalTimerService<N> {
  long currentProcessingTime();

  long currentWatermark();

  void registerEventTimeTimer(N namespace, long time);

  void deleteEventTimeTimer(N namespace, long time);

  void registerProcessingTimeTimer(N namespace, long time);

  void deleteProcessingTimeTimer(N namespace, long time);

  /** Number of registered event-time timers (for tests and metrics). */
  int numEventTimeTimers();

  int numProcessingTimeTimers();
}
