package io.rivulet.api.watermark;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How a stream gets event time: a timestamp assigner plus a watermark generator, optionally with idleness
 * detection. Immutable; the {@code with*} methods return new strategies.
 *
 * <pre>{@code
 * WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofMillis(100))
 *     .withTimestampAssigner((e, ts) -> e.timestamp())
 *     .withIdleness(Duration.ofSeconds(5))
 * }</pre>
 */
public final class WatermarkStrategy<T> implements Serializable {

  /** Creates one generator per subtask or split. */
  @FunctionalInterface
  public interface GeneratorSupplier<T> extends Serializable {
    WatermarkGenerator<T> create();
  }

  /** Processing-time clock handed to generators that need one (idleness). */
  @FunctionalInterface
  public interface Clock {
    long currentTimeMillis();
  }

  private final GeneratorSupplier<T> generator;
  private final TimestampAssigner<T> timestampAssigner;
  private final long idleTimeoutMillis;
  private final String description;

  private WatermarkStrategy(GeneratorSupplier<T> generator, TimestampAssigner<T> timestampAssigner,
      long idleTimeoutMillis, String description) {
    this.generator = generator;
    this.timestampAssigner = timestampAssigner;
    this.idleTimeoutMillis = idleTimeoutMillis;
    this.description = description;
  }

  /** Watermark = highest timestamp seen - {@code maxOutOfOrderness} - 1 ms. */
  public static <T> WatermarkStrategy<T> forBoundedOutOfOrderness(Duration maxOutOfOrderness) {
    long delay = maxOutOfOrderness.toMillis();
    if (delay < 0) {
      throw new IllegalArgumentException("maxOutOfOrderness must not be negative: " + maxOutOfOrderness);
    }
    return new WatermarkStrategy<>(() -> new BoundedOutOfOrdernessWatermarks<>(delay), null, -1,
        "bounded out-of-orderness " + delay + " ms");
  }

  /** For timestamps that never decrease: watermark = highest timestamp seen - 1 ms. */
  public static <T> WatermarkStrategy<T> forMonotonousTimestamps() {
    return new WatermarkStrategy<>(() -> new BoundedOutOfOrdernessWatermarks<>(0), null, -1, "monotonous");
  }

  /** Timestamps without watermarks: event-time windows never fire until the end of input. */
  public static <T> WatermarkStrategy<T> noWatermarks() {
    return new WatermarkStrategy<>(NoWatermarks::new, null, -1, "no watermarks");
  }

  /** A strategy with a generator of your own. */
  public static <T> WatermarkStrategy<T> forGenerator(GeneratorSupplier<T> generator) {
    return new WatermarkStrategy<>(generator, null, -1, "custom generator");
  }

  public WatermarkStrategy<T> withTimestampAssigner(TimestampAssigner<T> assigner) {
    return new WatermarkStrategy<>(generator, Objects.requireNonNull(assigner), idleTimeoutMillis, description);
  }

  /**
   * Marks the input idle when no record arrived for {@code timeout} of processing time, so that a quiet
   * partition does not hold back the watermark of the whole operator.
   */
  public WatermarkStrategy<T> withIdleness(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("idle timeout must be positive: " + timeout);
    }
    return new WatermarkStrategy<>(generator, timestampAssigner, timeout.toMillis(), description);
  }

  /** The timestamp assigner, or null to keep the timestamps records already carry. */
  public TimestampAssigner<T> timestampAssigner() {
    return timestampAssigner;
  }

  public long idleTimeoutMillis() {
    return idleTimeoutMillis;
  }

  /** A new generator (wrapped with idleness detection when configured). */
  public WatermarkGenerator<T> createGenerator(Clock clock) {
    WatermarkGenerator<T> g = generator.create();
    return idleTimeoutMillis > 0 ? new IdlenessDetectingWatermarks<>(g, clock, idleTimeoutMillis) : g;
  }

  @Override
  public String toString() {
    return description + (idleTimeoutMillis > 0 ? ", idle after " + idleTimeoutMillis + " ms" : "");
  }

  /** Emits highest-timestamp-minus-delay on every periodic emit. */
  static final class BoundedOutOfOrdernessWatermarks<T> implements WatermarkGenerator<T> {
    private final long delay;
    private long maxTimestamp;

    BoundedOutOfOrdernessWatermarks(long delay) {
      this.delay = delay;
      // so that maxTimestamp - delay - 1 does not underflow before the first event
      this.maxTimestamp = Long.MIN_VALUE + delay + 1;
    }

    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {
      if (timestamp > maxTimestamp) {
        maxTimestamp = timestamp;
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      output.emitWatermark(maxTimestamp - delay - 1);
    }
  }

  static final class NoWatermarks<T> implements WatermarkGenerator<T> {
    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }

  /**
   * Wraps a generator: if no event arrived between periodic emits for longer than the timeout, the input
   * is marked idle; the next event makes it active again.
   */
  static final class IdlenessDetectingWatermarks<T> implements WatermarkGenerator<T> {
    private final WatermarkGenerator<T> inner;
    private final Clock clock;
    private final long timeout;
    private long eventsSinceCheck;
    private long quietSince = -1;
    private boolean idle;

    IdlenessDetectingWatermarks(WatermarkGenerator<T> inner, Clock clock, long timeout) {
      this.inner = inner;
      this.clock = clock;
      this.timeout = timeout;
    }

    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput output) {
      eventsSinceCheck++;
      if (idle) {
        idle = false;
        output.markActive();
      }
      inner.onEvent(event, timestamp, output);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      if (eventsSinceCheck > 0) {
        eventsSinceCheck = 0;
        quietSince = -1;
        inner.onPeriodicEmit(output);
        return;
      }
      long now = clock.currentTimeMillis();
      if (quietSince < 0) {
        quietSince = now;
      }
      if (!idle && now - quietSince >= timeout) {
        idle = true;
        output.markIdle();
      } else if (!idle) {
        inner.onPeriodicEmit(output);
      }
    }
  }
}
