package io.rivulet.controlplane.ui;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * The cluster's throughput over the last minutes, for the Web UI's overview chart: fed with each running job's
 * cumulative record count at regular times, it keeps the rate between successive feeds.
 *
 * <p>A job seen for the first time counts from zero (it started within the interval); a count that went down
 * (a restarted attempt starts its counters again) counts from zero too. Jobs that ended drop out.
 *
 * <p>Thread-safe: all methods synchronize on this.
 */
public final class ThroughputHistory {
  /** The rate between the previous feed and {@code timestamp}. */
  public record Sample(long timestamp, double recordsPerSecond) {}

  private final int capacity;
  private final ArrayDeque<Sample> samples;
  private Map<String, Long> lastTotals = Map.of();
  private long lastAt = -1;

  /** Keeps at most {@code capacity} samples, the oldest are dropped. */
  public ThroughputHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.samples = new ArrayDeque<>(capacity);
  }

  /**
   * @param now epoch millis of the counts
   * @param totalsByJob cumulative records of each running job, by job id
   */
  public synchronized void record(long now, Map<String, Long> totalsByJob) {
    if (lastAt >= 0 && now > lastAt) {
      long delta = 0;
      for (Map.Entry<String, Long> e : totalsByJob.entrySet()) {
        long before = lastTotals.getOrDefault(e.getKey(), 0L);
        long current = e.getValue();
        delta += current >= before ? current - before : current;
      }
      if (samples.size() == capacity) {
        samples.removeFirst();
      }
      samples.addLast(new Sample(now, delta * 1000.0 / (now - lastAt)));
    }
    if (now > lastAt) {
      lastTotals = Map.copyOf(totalsByJob);
      lastAt = now;
    }
  }

  /** Oldest first. */
  public synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }
}
