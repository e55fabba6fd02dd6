package io.rivulet.controlplane.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as "500ms", "1s", "2m", "1h", ISO-8601 ("PT1S"), or a number of milliseconds. */
public final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("\\s*(\\d+)\\s*(ms|s|m|h)\\s*");

  private Durations() {}

  /** The duration, or null if {@code node} is not one. */
  public static Duration parse(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.asLong() < 0 ? null : Duration.ofMillis(node.asLong());
    }
    if (!node.isTextual()) {
      return null;
    }
    String text = node.asText();
    Matcher m = SIMPLE.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    try {
      Duration d = Duration.parse(text);
      return d.isNegative() ? null : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
