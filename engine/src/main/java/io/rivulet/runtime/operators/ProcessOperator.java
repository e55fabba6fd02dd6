package io.rivulet.runtime.operators;

import io.rivulet.api.functions.OutputTag;
import io.rivulet.api.functions.ProcessFunction;
import io.rivulet.api.functions.TimerService;

/** Runs a {@link ProcessFunction} on a non-keyed stream: timestamps, side outputs, read-only time. */
public final class ProcessOperator<IN, OUT> extends UdfOperator<ProcessFunction<IN, OUT>, OUT>
    implements OneInputOperator<IN, OUT> {
  private TimestampedCollector<OUT> collector;
  private final Ctx ctx = new Ctx();
  private long timestamp;

  public ProcessOperator(ProcessFunction<IN, OUT> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    collector = new TimestampedCollector<>(output);
    super.open();
  }

  @Override
  public void processElement(IN value, long timestamp) throws Exception {
    this.timestamp = timestamp;
    collector.setTimestamp(timestamp);
    function.processElement(value, ctx, collector);
  }

  private final class Ctx implements ProcessFunction.Context {
    @Override
    public long timestamp() {
      return timestamp;
    }

    @Override
    public TimerService timerService() {
      return new NonKeyedTimerService(context.processingTimeService(), () -> currentWatermark);
    }

    @Override
    public <X> void output(OutputTag<X> tag, X value) {
      output.collect(tag, value, timestamp);
    }
  }
}
