package io.rivulet.runtime.timers;

import java.util.PriorityQueue;

/**
 * Processing time set by hand, for tests: {@link #advanceTo} runs every due callback, in time order, on the
 * calling thread. Not thread-safe.
 */
public final class ManualProcessingTimeService implements ProcessingTimeService {
  private record Scheduled(long time, long seq, long period, ProcessingTimeCallback callback, boolean[] cancelled)
      implements Comparable<Scheduled> {
    @Override
    public int compareTo(Scheduled o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
  private long now;
  private long seq;

  public ManualProcessingTimeService(long startTime) {
    this.now = startTime;
  }

  public ManualProcessingTimeService() {
    this(0);
  }

  @Override
  public long currentProcessingTime() {
    return now;
  }

  @Override
  public Cancellable registerTimer(long time, ProcessingTimeCallback callback) {
    boolean[] cancelled = {false};
    queue.add(new Scheduled(time, seq++, 0, callback, cancelled));
    return () -> cancelled[0] = true;
  }

  @Override
  public Cancellable scheduleAtFixedRate(ProcessingTimeCallback callback, long initialDelayMillis, long periodMillis) {
    boolean[] cancelled = {false};
    queue.add(new Scheduled(now + initialDelayMillis, seq++, Math.max(1, periodMillis), callback, cancelled));
    return () -> cancelled[0] = true;
  }

  /** Moves the clock to {@code time} and runs all callbacks due by then. */
  public void advanceTo(long time) throws Exception {
    while (!queue.isEmpty() && queue.peek().time <= time) {
      Scheduled s = queue.poll();
      if (s.cancelled[0]) {
        continue;
      }
      now = Math.max(now, s.time);
      s.callback.onProcessingTime(s.time);
      if (s.period > 0 && !s.cancelled[0]) {
        queue.add(new Scheduled(s.time + s.period, seq++, s.period, s.callback, s.cancelled));
      }
    }
    now = Math.max(now, time);
  }

  /** Number of pending (not cancelled) callbacks. */
  public int pending() {
    return (int) queue.stream().filter(s -> !s.cancelled[0]).count();
  }
}
