package io.rivulet.runtime.tasks;

import io.rivulet.runtime.timers.ProcessingTimeService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Wall-clock time for one task: a shared scheduler thread posts each due callback into the task's mailbox,
 * so callbacks run on the task thread. Cancelled callbacks that were already posted do not run.
 */
final class SystemProcessingTimeService implements ProcessingTimeService {
  private final ScheduledExecutorService scheduler;
  private final Mailbox mailbox;
  private volatile boolean shutdown;

  SystemProcessingTimeService(ScheduledExecutorService scheduler, Mailbox mailbox) {
    this.scheduler = scheduler;
    this.mailbox = mailbox;
  }

  @Override
  public long currentProcessingTime() {
    return System.currentTimeMillis();
  }

  @Override
  public Cancellable registerTimer(long time, ProcessingTimeCallback callback) {
    boolean[] cancelled = {false};
    long delay = Math.max(0, time - System.currentTimeMillis());
    ScheduledFuture<?> f = scheduler.schedule(() -> post(callback, time, cancelled), delay, TimeUnit.MILLISECONDS);
    return () -> {
      cancelled[0] = true; // read on the task thread when the mail runs; set on the task thread too
      f.cancel(false);
    };
  }

  @Override
  public Cancellable scheduleAtFixedRate(ProcessingTimeCallback callback, long initialDelayMillis, long periodMillis) {
    boolean[] cancelled = {false};
    ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(
        () -> post(callback, System.currentTimeMillis(), cancelled),
        initialDelayMillis, Math.max(1, periodMillis), TimeUnit.MILLISECONDS);
    return () -> {
      cancelled[0] = true;
      f.cancel(false);
    };
  }

  private void post(ProcessingTimeCallback callback, long time, boolean[] cancelled) {
    if (!shutdown) {
      mailbox.post(() -> {
        if (!cancelled[0] && !shutdown) {
          callback.onProcessingTime(time);
        }
      });
    }
  }

  void shutdown() {
    shutdown = true;
  }
}
