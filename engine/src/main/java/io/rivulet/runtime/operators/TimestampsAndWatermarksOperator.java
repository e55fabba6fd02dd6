package io.rivulet.runtime.operators;

import io.rivulet.api.watermark.TimestampAssigner;
import io.rivulet.api.watermark.WatermarkGenerator;
import io.rivulet.api.watermark.WatermarkStrategy;
import io.rivulet.runtime.timers.ProcessingTimeService;

/**
 * Assigns timestamps and generates watermarks in the middle of a pipeline. Watermarks from upstream are
 * replaced by the generated ones, except the final {@code Long.MAX_VALUE} at the end of input.
 */
public final class TimestampsAndWatermarksOperator<T> extends AbstractOperator<T> implements OneInputOperator<T, T> {
  private final WatermarkStrategy<T> strategy;
  private TimestampAssigner<T> assigner;
  private WatermarkGenerator<T> generator;
  private WatermarkEmitter emitter;
  private ProcessingTimeService.Cancellable periodic;

  public TimestampsAndWatermarksOperator(WatermarkStrategy<T> strategy) {
    this.strategy = strategy;
  }

  @Override
  public void open() {
    ProcessingTimeService time = context.processingTimeService();
    assigner = strategy.timestampAssigner();
    generator = strategy.createGenerator(time::currentProcessingTime);
    emitter = new WatermarkEmitter(output, context.metrics());
    long interval = context.jobConfig().autoWatermarkIntervalMillis();
    periodic = time.scheduleAtFixedRate(t -> generator.onPeriodicEmit(emitter), interval, interval);
  }

  @Override
  public void processElement(T value, long timestamp) throws Exception {
    long ts = assigner == null ? timestamp : assigner.extractTimestamp(value, timestamp);
    // the record first, then what it tells the generator (Flink's order): a watermark that reaches the record's own
    // timestamp must not make the record itself late
    output.collect(value, ts);
    generator.onEvent(value, ts, emitter);
  }

  @Override
  public void processWatermark(long watermark) {
    if (watermark == Long.MAX_VALUE) {
      emitter.emitWatermark(Long.MAX_VALUE);
    }
  }

  @Override
  public void processIdle(boolean idle) {
    // idleness is decided by this operator's own generator
  }

  @Override
  public void close() {
    if (periodic != null) {
      periodic.cancel();
    }
  }
}
