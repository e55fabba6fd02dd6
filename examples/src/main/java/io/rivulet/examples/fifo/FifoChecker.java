package io.rivulet.examples.fifo;

import io.rivulet.api.functions.Collector;
import io.rivulet.api.functions.KeyedProcessFunction;
import io.rivulet.api.functions.RuntimeContext;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;

/**
 * Keeps, per key, the last sequence number seen and counts order violations. Emits the key's summary when
 * the input ends (an event-time timer at the end of time fires on the final watermark).
 *
 * <p>{@code failAtRecord} > 0 makes the first attempt of subtask 0 throw after that many records, to show
 * (and test) recovery from a checkpoint: the restarted job must still see no gap and no duplicate.
 */
public final class FifoChecker implements KeyedProcessFunction<Integer, SeqEvent, KeySummary> {
  private final long failAtRecord;
  private transient ValueState<KeySummary> summary;
  private transient boolean mayFail;
  private transient long processed;

  public FifoChecker(long failAtRecord) {
    this.failAtRecord = failAtRecord;
  }

  @Override
  public void open(RuntimeContext context) {
    summary = context.state().getState(new ValueStateDescriptor<>("fifo-summary", Types.of(KeySummary.class)));
    mayFail = failAtRecord > 0 && context.attemptNumber() == 0 && context.subtaskIndex() == 0;
  }

  @Override
  public void processElement(SeqEvent event, Context<Integer> ctx, Collector<KeySummary> out) {
    KeySummary current = summary.value();
    if (current == null) {
      current = new KeySummary(event.key(), 0, 0, -1);
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }
    summary.update(current.next(event.seq()));
    if (mayFail && ++processed == failAtRecord) {
      throw new InjectedFailure("injected failure after " + processed + " records, to show recovery");
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext<Integer> ctx, Collector<KeySummary> out) {
    KeySummary s = summary.value();
    if (s != null) {
      out.collect(s);
    }
  }

  /** The failure the demo injects on purpose. */
  public static final class InjectedFailure extends RuntimeException {
    public InjectedFailure(String message) {
      super(message);
    }
  }
}
