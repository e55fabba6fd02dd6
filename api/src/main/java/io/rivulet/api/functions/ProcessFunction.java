package io.rivulet.api.functions;


/** Low-level processing of a non-keyed stream with access to timestamps, side outputs and time. */
@FunctionalInterface
public interface ProcessFunction<I, O> extends UserFunction {

  void processElement(I value, Context ctx, Collector<O> out) throws Exception;

  /** Per-record context; valid only during the call it is passed to. */
  interface Context {
    /** The record's timestamp, or {@link Long#MIN_VALUE} if it has none. */
    long timestamp();

    TimerService timerService();

    /** Emits to a side output; read it with {@code DataStream.sideOutput(tag)}. */
    <X> void output(OutputTag<X> tag, X value);
  }
}
