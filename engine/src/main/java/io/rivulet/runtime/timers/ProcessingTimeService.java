package io.rivulet.runtime.timers;

/**
 * Wall-clock time for one task. Callbacks run on the task thread (through its mailbox), never
 * concurrently with record processing. Tests use {@link ManualProcessingTimeService}.
 */
public interface ProcessingTimeService {

  long currentProcessingTime();

  /** Runs {@code callback} on the task thread at or after {@code time} (epoch millis). */
  Cancellable registerTimer(long time, ProcessingTimeCallback callback);

  /** Runs {@code callback} every {@code periodMillis}, first after {@code initialDelayMillis}. */
  Cancellable scheduleAtFixedRate(ProcessingTimeCallback callback, long initialDelayMillis, long periodMillis);

  @FunctionalInterface
  interface ProcessingTimeCallback {
    /** @param time the time the callback was scheduled for */
    void onProcessingTime(long time) throws Exception;
  }

  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }
}
