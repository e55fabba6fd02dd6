package io.rivulet.controlplane.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.api.config.RestartStrategy;
import io.rivulet.controlplane.spec.ParamDef.ParamType;
import java.time.Duration;
import java.util.List;

/**
 * The spec's {@code restartStrategy}: {@code {"type": "none"}}, {@code {"type": "fixed-delay", "attempts": 3,
 * "delay": "1s"}} or {@code {"type": "exponential-backoff", "attempts": 5, "delay": "100ms", "maxDelay": "10s",
 * "multiplier": 2}}.
 */
final class RestartStrategies {
  private static final List<ParamDef> PARAMS = List.of(
      ParamDef.required("type", ParamType.STRING, "none, fixed-delay or exponential-backoff"),
      ParamDef.optional("attempts", ParamType.INTEGER, "restarts before the job fails"),
      ParamDef.optional("delay", ParamType.DURATION, "delay before a restart (the first, for backoff)"),
      ParamDef.optional("maxDelay", ParamType.DURATION, "largest delay of exponential-backoff"),
      ParamDef.optional("multiplier", ParamType.NUMBER, "growth of the delay of exponential-backoff"));

  private RestartStrategies() {}

  /** The strategy, or null after reporting problems to {@code errors}. */
  static RestartStrategy parse(JsonNode node, String path, SpecErrors errors) {
    SpecErrors local = new SpecErrors();
    Params p = Params.check(node, path, PARAMS, local);
    if (!local.isEmpty()) {
      local.copyTo(errors);
      return null;
    }
    try {
      String type = p.getString("type", "none");
      int attempts = p.getInt("attempts", 3);
      Duration delay = p.getDuration("delay", Duration.ofSeconds(1));
      switch (type) {
        case "none":
          return RestartStrategy.none();
        case "fixed-delay":
          p.require(attempts >= 1, "attempts", "must be at least 1, was " + attempts);
          return RestartStrategy.fixedDelay(attempts, delay);
        case "exponential-backoff":
          p.require(attempts >= 1, "attempts", "must be at least 1, was " + attempts);
          double multiplier = p.getDouble("multiplier", 2);
          p.require(multiplier >= 1, "multiplier", "must be at least 1, was " + multiplier);
          return RestartStrategy.exponentialBackoff(attempts, delay, p.getDuration("maxDelay", delay.multipliedBy(60)),
              multiplier);
        default:
          throw new SpecError(p.pathOf("type"), "unknown restart strategy '" + type
              + "'; known: none, fixed-delay, exponential-backoff");
      }
    } catch (SpecError e) {
      errors.add(e);
      return null;
    }
  }
}
