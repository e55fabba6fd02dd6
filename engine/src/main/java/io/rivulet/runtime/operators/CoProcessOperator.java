package io.rivulet.runtime.operators;

import io.rivulet.api.functions.CoProcessFunction;
import io.rivulet.api.functions.OutputTag;
import io.rivulet.api.functions.ProcessFunction;
import io.rivulet.api.functions.TimerService;

/** Runs a {@link CoProcessFunction} over two non-keyed inputs. */
public final class CoProcessOperator<A, B, OUT> extends UdfOperator<CoProcessFunction<A, B, OUT>, OUT>
    implements TwoInputOperator<A, B, OUT> {
  private TimestampedCollector<OUT> collector;
  private long timestamp;
  private final ProcessFunction.Context ctx = new ProcessFunction.Context() {
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
  };

  public CoProcessOperator(CoProcessFunction<A, B, OUT> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    collector = new TimestampedCollector<>(output);
    super.open();
  }

  @Override
  public void processElement1(A value, long ts) throws Exception {
    timestamp = ts;
    collector.setTimestamp(ts);
    function.processElement1(value, ctx, collector);
  }

  @Override
  public void processElement2(B value, long ts) throws Exception {
    timestamp = ts;
    collector.setTimestamp(ts);
    function.processElement2(value, ctx, collector);
  }
}
