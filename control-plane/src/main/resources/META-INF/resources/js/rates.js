// Rates from cumulative counters seen in successive polls, and back pressure as a share of time.

/**
 * Keeps the previous value of each counter and a short history of its rate. A counter that went down (a restarted
 * attempt starts again from zero) gives no rate for that poll.
 */
export class RateTracker {
  constructor(historyLength = 60) {
    this.historyLength = historyLength;
    this.last = new Map();
    this.histories = new Map();
  }

  /** Feeds the counter's value at time t (ms); returns the rate per second since the previous value, or null. */
  update(key, t, value) {
    const prev = this.last.get(key);
    this.last.set(key, { t, value });
    if (prev && t <= prev.t) return this.latest(key); // the same snapshot again
    if (!prev || value < prev.value) return null;
    const rate = ((value - prev.value) * 1000) / (t - prev.t);
    const history = this.histories.get(key) || [];
    history.push(rate);
    if (history.length > this.historyLength) history.shift();
    this.histories.set(key, history);
    return rate;
  }

  latest(key) {
    const history = this.histories.get(key);
    return history && history.length ? history[history.length - 1] : null;
  }

  history(key) {
    return this.histories.get(key) || [];
  }
}

/** Flink's thresholds: up to 10 % of the time back-pressured is OK, up to 50 % LOW, above HIGH. */
export function backPressureLevel(share) {
  if (share === null || share === undefined) return null;
  if (share <= 0.1) return 'OK';
  if (share <= 0.5) return 'LOW';
  return 'HIGH';
}

/**
 * Back-pressured share of time of a vertex between two polls: the growth of accumulated-backpressured-time (ms,
 * summed over subtasks) divided by the elapsed time of all subtasks.
 */
export function backPressureShare(tracker, vertexId, now, accumulatedMillis, subtasks) {
  const perSecond = tracker.update(`${vertexId}:bp`, now, accumulatedMillis);
  if (perSecond === null || !subtasks) return null;
  return Math.max(0, Math.min(1, perSecond / 1000 / subtasks));
}
