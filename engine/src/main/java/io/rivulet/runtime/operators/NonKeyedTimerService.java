package io.rivulet.runtime.operators;

import io.rivulet.api.functions.TimerService;
import io.rivulet.runtime.timers.ProcessingTimeService;
import java.util.function.LongSupplier;

/** Time for functions on non-keyed streams: readable, but timers need a key. */
final class NonKeyedTimerService implements TimerService {
  private final ProcessingTimeService processingTime;
  private final LongSupplier watermark;

  NonKeyedTimerService(ProcessingTimeService processingTime, LongSupplier watermark) {
    this.processingTime = processingTime;
    this.watermark = watermark;
  }

  @Override
  public long currentProcessingTime() {
    return processingTime.currentProcessingTime();
  }

  @Override
  public long currentWatermark() {
    return watermark.getAsLong();
  }

  private static UnsupportedOperationException keyed() {
    return new UnsupportedOperationException("timers belong to a key: apply the function to a keyed stream"
        + " (keyBy(...).process(KeyedProcessFunction)) to use them");
  }

  @Override
  public void registerEventTimeTimer(long time) {
    throw keyed();
  }

  @Override
  public void registerProcessingTimeTimer(long time) {
    throw keyed();
  }

  @Override
  public void deleteEventTimeTimer(long time) {
    throw keyed();
  }

  @Override
  public void deleteProcessingTimeTimer(long time) {
    throw keyed();
  }
}
