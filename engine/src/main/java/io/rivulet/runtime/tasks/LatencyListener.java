package io.rivulet.runtime.tasks;

import io.rivulet.runtime.network.StreamEvent;

/**
 * Told when a latency marker ({@link StreamEvent.LatencyMarker}) reaches a task that holds a sink: once per marker,
 * on that task's thread, never per record. Markers exist only for jobs that set
 * {@link io.rivulet.api.config.JobConfig#latencyMarkerInterval}. An implementation must not block.
 */
@FunctionalInterface
public interface LatencyListener {
  LatencyListener NONE = (task, marker, arrivalMillis) -> {};

  /**
   * @param task the receiving task (its vertex holds the sink)
   * @param arrivalMillis wall clock of this process when the task took the marker; minus the marker's emit time
   *     (the source's clock) it is the latency
   */
  void markerArrived(StreamTask task, StreamEvent.LatencyMarker marker, long arrivalMillis);

  /** Tells {@code first}, then {@code second}. */
  static LatencyListener both(LatencyListener first, LatencyListener second) {
    if (first == NONE) {
      return second;
    }
    if (second == NONE) {
      return first;
    }
    return (task, marker, arrivalMillis) -> {
      first.markerArrived(task, marker, arrivalMillis);
      second.markerArrived(task, marker, arrivalMillis);
    };
  }

  /** The listener part of an object that may implement it (a task observer that also records latency), or NONE. */
  static LatencyListener of(Object maybeListener) {
    return maybeListener instanceof LatencyListener l ? l : NONE;
  }
}
