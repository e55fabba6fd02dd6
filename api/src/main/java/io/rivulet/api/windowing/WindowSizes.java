package io.rivulet.api.windowing;

import java.time.Duration;

/** Argument checks shared by the assigners, so every assigner fails the same way at graph-build time. */
final class WindowSizes {
  private WindowSizes() {}

  static long positiveMillis(String what, Duration d) {
    if (d == null) {
      throw new IllegalArgumentException(what + " must be given");
    }
    long ms = d.toMillis();
    if (ms <= 0) {
      throw new IllegalArgumentException(what + " must be at least 1 ms, was " + d);
    }
    return ms;
  }

  /** An offset shifts windows against the epoch (e.g. to align days to a time zone); it must be below the period. */
  static long offsetMillis(Duration offset, long period) {
    long ms = offset == null ? 0 : offset.toMillis();
    if (Math.abs(ms) >= period) {
      throw new IllegalArgumentException("window offset must be smaller than the window's period (" + period
          + " ms), was " + offset);
    }
    return ms;
  }

  /** Event-time assigners need a timestamp; {@link Long#MIN_VALUE} is the engine's "none" marker. */
  static long requireTimestamp(long timestamp, String assigner) {
    if (timestamp == Long.MIN_VALUE) {
      throw new IllegalStateException(assigner + " got a record without a timestamp: assign timestamps with"
          + " assignTimestampsAndWatermarks(...) before an event-time window, or use a processing-time window");
    }
    return timestamp;
  }
}
