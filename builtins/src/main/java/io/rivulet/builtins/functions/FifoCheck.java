package io.rivulet.builtins.functions;

import io.rivulet.api.functions.Collector;
import io.rivulet.api.functions.KeyedProcessFunction;
import io.rivulet.api.functions.RuntimeContext;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;
import io.rivulet.builtins.records.KeySummary;
import io.rivulet.builtins.records.LongFieldsSerializer;
import io.rivulet.builtins.records.SeqEvent;

/**
 * Keeps, per key, the last sequence number seen and counts order violations (like the examples' FIFO checker);
 * emits each key's summary when the input ends (an event-time timer at the end of time fires on the final
 * watermark).
 *
 * <p>{@code failAtSeq} >= 0 makes the first attempt fail when a record with that sequence number arrives, to
 * show recovery: with checkpoints and a restart strategy the restarted job must still see no violation.
 */
public final class FifoCheck implements KeyedProcessFunction<Long, SeqEvent, KeySummary> {
  private final long failAtSeq;
  private transient ValueState<KeySummary> summary;
  /** The attempt being run (0 first); each subtask has its own instance (see {@link PerSubtask}). */
  private transient int attempt;

  public FifoCheck(long failAtSeq) {
    this.failAtSeq = failAtSeq;
  }

  @Override
  public void open(RuntimeContext context) {
    summary = context.state().getState(new ValueStateDescriptor<>("fifo-summary",
        LongFieldsSerializer.KeySummaries.INSTANCE));
    attempt = context.attemptNumber();
  }

  @Override
  public void processElement(SeqEvent event, Context<Long> ctx, Collector<KeySummary> out) {
    if (failAtSeq >= 0 && attempt == 0 && event.seq() == failAtSeq) {
      throw new InjectedFailure("fifo-check: failing on purpose at sequence number " + failAtSeq
          + " of key " + event.key() + " (failAtSeq), to show recovery");
    }
    KeySummary current = summary.value();
    if (current == null) {
      current = KeySummary.first(ctx.currentKey());
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }
    summary.update(current.next(event.seq()));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext<Long> ctx, Collector<KeySummary> out) {
    KeySummary s = summary.value();
    if (s != null) {
      out.collect(s);
    }
  }

  /** The failure injected on purpose. */
  public static final class InjectedFailure extends RuntimeException {
    public InjectedFailure(String message) {
      super(message);
    }
  }
}
