package io.rivulet.cli;

import java.time.Duration;

/** Parses "500ms", "2s", "1m" (and ISO-8601 such as "PT2S"). */
final class Durations {
  private Durations() {}

  static Duration parse(String text) {
    String t = text.trim().toLowerCase();
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else if (t.endsWith("s")) {
        return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      } else if (t.endsWith("m")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
      }
      return Duration.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot read duration '" + text + "': use e.g. 500ms, 2s or 1m");
    }
  }
}
