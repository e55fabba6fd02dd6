package io.rivulet.runtime.operators;

import io.rivulet.api.connector.InputStatus;
import io.rivulet.api.connector.ReaderOutput;
import io.rivulet.api.connector.Source;
import io.rivulet.api.connector.SourceContext;
import io.rivulet.api.connector.SourceReader;
import io.rivulet.api.connector.SourceReaderMetrics;
import io.rivulet.api.watermark.TimestampAssigner;
import io.rivulet.api.watermark.WatermarkGenerator;
import io.rivulet.api.watermark.WatermarkStrategy;
import io.rivulet.runtime.timers.ProcessingTimeService;
import java.util.Map;

/**
 * The head of a source task: drives a {@link SourceReader} on the task thread, applies the watermark
 * strategy given at the source, checkpoints the reader's position, and emits the final
 * {@code Long.MAX_VALUE} watermark when a bounded source ends.
 */
public final class SourceOperator<T> extends AbstractOperator<T> {
  private static final String STATE = "reader-position";
  private final Source<T> source;
  private final WatermarkStrategy<T> strategy;
  private SourceReader<T> reader;
  private ReaderOutput<T> readerOutput;
  private WatermarkEmitter emitter;
  private ProcessingTimeService.Cancellable periodic;
  private final Runnable availabilityListener;
  private boolean ended;

  /** @param availabilityListener wakes the task when a reader signals data (any thread) */
  public SourceOperator(Source<T> source, WatermarkStrategy<T> strategy, Runnable availabilityListener) {
    this.source = source;
    this.strategy = strategy;
    this.availabilityListener = availabilityListener;
  }

  @Override
  public void initializeState() throws Exception {
    reader = source.createReader(new SourceContext() {
      @Override
      public int subtaskIndex() {
        return context.subtaskIndex();
      }

      @Override
      public int parallelism() {
        return context.parallelism();
      }

      @Override
      public int attemptNumber() {
        return context.attemptNumber();
      }

      @Override
      public long currentProcessingTime() {
        return context.processingTimeService().currentProcessingTime();
      }

      @Override
      public ClassLoader userClassLoader() {
        return context.userClassLoader();
      }

      @Override
      public void signalAvailable() {
        availabilityListener.run();
      }

      @Override
      public SourceReaderMetrics metrics() {
        return context.metrics().source();
      }
    });
    Map<String, byte[]> restored = context.restoredOperatorState();
    if (restored != null && restored.get(STATE) != null) {
      reader.restoreState(restored.get(STATE));
    }
  }

  @Override
  public void open() {
    emitter = new WatermarkEmitter(output, context.metrics());
    if (strategy == null) {
      readerOutput = new PlainOutput<>(output, emitter);
    } else {
      ProcessingTimeService time = context.processingTimeService();
      WatermarkGenerator<T> generator = strategy.createGenerator(time::currentProcessingTime);
      readerOutput = new StrategyOutput<>(output, emitter, strategy.timestampAssigner(), generator);
      long interval = context.jobConfig().autoWatermarkIntervalMillis();
      periodic = time.scheduleAtFixedRate(t -> generator.onPeriodicEmit(emitter), interval, interval);
    }
  }

  /** Lets the reader emit a batch; on the end of input emits the final watermark. */
  public InputStatus emitNext() throws Exception {
    InputStatus status = reader.pollNext(readerOutput);
    if (status == InputStatus.END_OF_INPUT && !ended) {
      ended = true;
      if (periodic != null) {
        periodic.cancel();
      }
      emitter.emitWatermark(Long.MAX_VALUE);
    }
    return status;
  }

  @Override
  public void processWatermark(long watermark) {
    throw new IllegalStateException("a source has no input");
  }

  @Override
  protected Map<String, byte[]> snapshotOperatorState(long checkpointId) throws Exception {
    byte[] position = reader.snapshotState(checkpointId);
    return position == null ? Map.of() : Map.of(STATE, position);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    reader.notifyCheckpointComplete(checkpointId);
  }

  @Override
  public void close() throws Exception {
    if (periodic != null) {
      periodic.cancel();
    }
    if (reader != null) {
      reader.close();
    }
  }

  /** No watermark strategy: records keep the reader's timestamps; reader watermarks pass through. */
  private record PlainOutput<T>(Output<T> output, WatermarkEmitter emitter) implements ReaderOutput<T> {
    @Override
    public void collect(T record) {
      output.collect(record, Output.NO_TIMESTAMP);
    }

    @Override
    public void collect(T record, long timestamp) {
      output.collect(record, timestamp);
    }

    @Override
    public void emitWatermark(long watermark) {
      emitter.emitWatermark(watermark);
    }

    @Override
    public void markIdle() {
      emitter.markIdle();
    }
  }

  /** With a strategy: assign timestamps, feed the generator, then emit. */
  private record StrategyOutput<T>(Output<T> output, WatermarkEmitter emitter, TimestampAssigner<T> assigner,
      WatermarkGenerator<T> generator) implements ReaderOutput<T> {
    @Override
    public void collect(T record) {
      collect(record, Output.NO_TIMESTAMP);
    }

    @Override
    public void collect(T record, long timestamp) {
      long ts = assigner == null ? timestamp : assigner.extractTimestamp(record, timestamp);
      output.collect(record, ts); // the record before the watermark it leads to, as Flink orders them
      generator.onEvent(record, ts, emitter);
    }

    @Override
    public void emitWatermark(long watermark) {
      emitter.emitWatermark(watermark);
    }

    @Override
    public void markIdle() {
      emitter.markIdle();
    }
  }
}
