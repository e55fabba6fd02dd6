package io.rivulet.api.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * What happens when a task fails: give up, or restart the whole job from the latest completed checkpoint
 * after a delay. Immutable; use the static factories.
 */
public final class RestartStrategy implements Serializable {
  public enum Kind {
    NONE,
    FIXED_DELAY,
    EXPONENTIAL_BACKOFF
  }

  private final Kind kind;
  private final int maxAttempts;
  private final long initialDelayMillis;
  private final long maxDelayMillis;
  private final double multiplier;

  private RestartStrategy(Kind kind, int maxAttempts, long initialDelayMillis, long maxDelayMillis,
      double multiplier) {
    this.kind = kind;
    this.maxAttempts = maxAttempts;
    this.initialDelayMillis = initialDelayMillis;
    this.maxDelayMillis = maxDelayMillis;
    this.multiplier = multiplier;
  }

  /** Fail the job on the first task failure. */
  public static RestartStrategy none() {
    return new RestartStrategy(Kind.NONE, 0, 0, 0, 1);
  }

  /** Up to {@code maxAttempts} restarts, each after {@code delay}. */
  public static RestartStrategy fixedDelay(int maxAttempts, Duration delay) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    return new RestartStrategy(Kind.FIXED_DELAY, maxAttempts, delay.toMillis(), delay.toMillis(), 1);
  }

  /** Up to {@code maxAttempts} restarts; the delay starts at {@code initial} and grows by {@code multiplier} up to {@code max}. */
  public static RestartStrategy exponentialBackoff(int maxAttempts, Duration initial, Duration max,
      double multiplier) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (multiplier < 1) {
      throw new IllegalArgumentException("multiplier must be >= 1, was " + multiplier);
    }
    return new RestartStrategy(Kind.EXPONENTIAL_BACKOFF, maxAttempts, initial.toMillis(), max.toMillis(),
        multiplier);
  }

  public Kind kind() {
    return kind;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /** Whether restart number {@code attempt} (1-based) may happen. */
  public boolean canRestart(int attempt) {
    return kind != Kind.NONE && attempt <= maxAttempts;
  }

  /** Delay before restart number {@code attempt} (1-based). */
  public long delayMillis(int attempt) {
    if (kind == Kind.EXPONENTIAL_BACKOFF) {
      double d = initialDelayMillis * Math.pow(multiplier, Math.max(0, attempt - 1));
      return (long) Math.min(d, maxDelayMillis);
    }
    return initialDelayMillis;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case NONE -> "no restarts";
      case FIXED_DELAY -> "fixed delay " + initialDelayMillis + " ms, " + maxAttempts + " attempts";
      case EXPONENTIAL_BACKOFF -> "exponential backoff " + initialDelayMillis + ".." + maxDelayMillis + " ms x"
          + multiplier + ", " + maxAttempts + " attempts";
    };
  }
}
