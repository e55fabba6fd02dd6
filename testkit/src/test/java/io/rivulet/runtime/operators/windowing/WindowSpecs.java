package io.rivulet.runtime.operators.windowing;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.functions.AggregateFunction;
import io.rivulet.api.functions.OutputTag;
import io.rivulet.api.functions.ProcessWindowFunction;
import io.rivulet.api.functions.ReduceFunction;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.windowing.Trigger;
import io.rivulet.api.windowing.Window;
import io.rivulet.api.windowing.WindowAssigner;
import io.rivulet.testkit.KeyedOneInputHarness;
import io.rivulet.testkit.StreamRecord;

/** Builds window specs and harnesses for the window operator tests, without the DataStream API around them. */
final class WindowSpecs {
  static final ReduceFunction<Ev> SUM = (a, b) -> new Ev(a.key(), a.value() + b.value());
  static final OutputTag<Ev> LATE = new OutputTag<>("late", Ev.Serializer.INSTANCE);

  /** Counts elements; the accumulator is a Long. */
  static final AggregateFunction<Ev, Long, Long> COUNT = new AggregateFunction<>() {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Ev value, Long acc) {
      return acc + 1;
    }

    @Override
    public Long getResult(Long acc) {
      return acc;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  };

  private final WindowAssigner<?, ?> assigner;
  private Trigger<?, ?> trigger;
  private long lateness;
  private OutputTag<?> lateTag;

  private WindowSpecs(WindowAssigner<?, ?> assigner) {
    this.assigner = assigner;
    this.trigger = assigner.defaultTrigger();
  }

  static WindowSpecs window(WindowAssigner<?, ?> assigner) {
    return new WindowSpecs(assigner);
  }

  WindowSpecs trigger(Trigger<?, ?> t) {
    this.trigger = t;
    return this;
  }

  WindowSpecs lateness(long millis) {
    this.lateness = millis;
    return this;
  }

  WindowSpecs lateTag(OutputTag<?> tag) {
    this.lateTag = tag;
    return this;
  }

  OperatorSpec.WindowOp reduce(ReduceFunction<Ev> fn) {
    return spec(new OperatorSpec.ReduceContents(fn, Ev.Serializer.INSTANCE), null);
  }

  OperatorSpec.WindowOp reduce(ReduceFunction<Ev> fn, ProcessWindowFunction<Ev, ?, String, ?> windowFn) {
    return spec(new OperatorSpec.ReduceContents(fn, Ev.Serializer.INSTANCE), windowFn);
  }

  OperatorSpec.WindowOp aggregate(AggregateFunction<Ev, Long, Long> fn,
      ProcessWindowFunction<Long, ?, String, ?> windowFn) {
    return spec(new OperatorSpec.AggregateContents(fn, Types.LONG), windowFn);
  }

  OperatorSpec.WindowOp aggregate(AggregateFunction<Ev, Long, Long> fn) {
    return spec(new OperatorSpec.AggregateContents(fn, Types.LONG), null);
  }

  OperatorSpec.WindowOp process(ProcessWindowFunction<Ev, ?, String, ?> windowFn) {
    return spec(new OperatorSpec.ListContents(Ev.Serializer.INSTANCE), windowFn);
  }

  private OperatorSpec.WindowOp spec(OperatorSpec.WindowContents contents, ProcessWindowFunction<?, ?, ?, ?> fn) {
    return new OperatorSpec.WindowOp(assigner, trigger, lateness, lateTag, contents, fn, false);
  }

  /** A harness for {@code spec}, keyed by {@link Ev#key()}. */
  static <OUT> KeyedOneInputHarness.Builder<String, Ev, OUT> harness(OperatorSpec.WindowOp spec,
      StateBackendKind backend) {
    return KeyedOneInputHarness.<String, Ev, OUT>builder(() -> new WindowOperator<String, Ev, OUT, Window>(spec),
        Ev::key, Types.STRING).stateBackend(backend);
  }

  static StreamRecord<Ev> rec(String key, long value, long timestamp) {
    return StreamRecord.of(new Ev(key, value), timestamp);
  }
}
