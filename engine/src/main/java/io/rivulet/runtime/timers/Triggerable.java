package io.rivulet.runtime.timers;

/** What a timer service calls when a timer fires; the timer's key is the backend's current key then. */
public interface Triggerable<K, N> {
  void onEventTime(InternalTimer<K, N> timer) throws Exception;

  void onProcessingTime(InternalTimer<K, N> timer) throws Exception;
}
