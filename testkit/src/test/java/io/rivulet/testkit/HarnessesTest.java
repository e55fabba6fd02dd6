package io.rivulet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.functions.Collector;
import io.rivulet.api.functions.KeyedProcessFunction;
import io.rivulet.api.functions.RuntimeContext;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;
import io.rivulet.api.windowing.TumblingEventTimeWindows;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HarnessesTest {

  /** Per key: counts records in state and reports the count one tick after the last record's timestamp. */
  static final class CountThenReport implements KeyedProcessFunction<String, String, String> {
    private transient ValueState<Long> count;

    @Override
    public void open(RuntimeContext context) {
      count = context.state().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement(String value, Context<String> ctx, Collector<String> out) {
      Long c = count.value();
      count.update(c == null ? 1 : c + 1);
      ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext<String> ctx, Collector<String> out) {
      out.collect(ctx.currentKey() + "=" + count.value());
    }
  }

  /** Wrong on purpose: the count lives in a field, so it is neither per key nor checkpointed. */
  static final class CountsInAField implements KeyedProcessFunction<String, String, String> {
    private long count;

    @Override
    public void processElement(String value, Context<String> ctx, Collector<String> out) {
      out.collect(value + "#" + ++count);
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void aKeyedProcessFunctionRunsInTheEnginesOperator(StateBackendKind backend) throws Exception {
    var builder = Harnesses.forKeyedProcess(new CountThenReport(), (String v) -> v.substring(0, 1), Types.STRING)
        .stateBackend(backend);
    RecordedOutput out = Adversity.assertSameOutput(builder, h -> {
      h.processElement("a1", 1);
      h.processElement("a2", 1);
      h.processElement("b1", 5);
      h.processWatermark(2);
      h.processElement("a3", 7);
      h.processWatermark(10);
    });
    assertThat(out.events()).containsExactly(StreamRecord.of("a=2", 2), Watermark.of(2), StreamRecord.of("b=1", 6),
        StreamRecord.of("a=3", 8), Watermark.of(10));
  }

  @Test
  void everyOperatorInstanceGetsItsOwnCopyOfTheFunction() {
    var builder = Harnesses.forKeyedProcess(new CountsInAField(), (String v) -> v, Types.STRING);
    assertThatThrownBy(() -> Adversity.assertSameOutput(builder, h -> {
      h.processElement("x", 1);
      h.processElement("y", 2);
    })).isInstanceOf(AssertionError.class).hasMessageContaining("y#2").hasMessageContaining("y#1");
  }

  @Test
  void aFunctionThatCannotBeSerializedIsRefusedUpFront() {
    Object notSerializable = new Object();
    KeyedProcessFunction<String, String, String> fn = new KeyedProcessFunction<>() {
      final Object held = notSerializable;

      @Override
      public void processElement(String value, Context<String> ctx, Collector<String> out) {
        out.collect(value + held);
      }
    };
    assertThatThrownBy(() -> Harnesses.forKeyedProcess(fn, (String v) -> v, Types.STRING))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not serializable");
  }

  @Test
  void aWindowSpecRunsInTheWindowOperator() throws Exception {
    var assigner = TumblingEventTimeWindows.of(Duration.ofMillis(10));
    var spec = new OperatorSpec.WindowOp(assigner, assigner.defaultTrigger(), 0, null,
        new OperatorSpec.ReduceContents((String a, String b) -> a + b, Types.STRING), null, false);
    try (KeyedOneInputHarness<String, String, String> h =
        Harnesses.<String, String, String>forWindow(spec, v -> v.substring(0, 1), Types.STRING).build()) {
      h.processElement("a1", 1);
      h.processElement("a2", 2);
      h.processWatermark(10);
      assertThat(h.output()).containsExactly(StreamRecord.of("a1a2", 9), Watermark.of(10));
    }
  }
}
