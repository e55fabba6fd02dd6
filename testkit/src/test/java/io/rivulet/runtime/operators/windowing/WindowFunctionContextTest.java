package io.rivulet.runtime.operators.windowing;

import static io.rivulet.runtime.operators.windowing.Ev.ev;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.SUM;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.functions.Collector;
import io.rivulet.api.functions.OutputTag;
import io.rivulet.api.functions.ProcessWindowFunction;
import io.rivulet.api.functions.RuntimeContext;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;
import io.rivulet.api.windowing.TimeWindow;
import io.rivulet.api.windowing.TumblingEventTimeWindows;
import io.rivulet.testkit.KeyedOneInputHarness;
import io.rivulet.testkit.StreamRecord;
import io.rivulet.testkit.Watermark;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WindowFunctionContextTest {
  private static final TumblingEventTimeWindows TEN = TumblingEventTimeWindows.of(Duration.ofMillis(10));
  private static final OutputTag<String> INFO = new OutputTag<>("info", Types.STRING);
  private static final ValueStateDescriptor<Long> FIRINGS = new ValueStateDescriptor<>("firings", Types.LONG);
  private static final ValueStateDescriptor<Long> TOTAL = new ValueStateDescriptor<>("total", Types.LONG);

  /** Counts firings per window (window state) and over all windows of the key (global state). */
  static final class Counting implements ProcessWindowFunction<Ev, String, String, TimeWindow> {
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger cleared = new AtomicInteger();
    int maxParallelismSeen;

    @Override
    public void open(RuntimeContext context) {
      opened.incrementAndGet();
      maxParallelismSeen = context.maxParallelism();
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }

    @Override
    public void process(String key, Context<TimeWindow> ctx, Iterable<Ev> elements, Collector<String> out) {
      ValueState<Long> firings = ctx.windowState().getState(FIRINGS);
      ValueState<Long> total = ctx.globalState().getState(TOTAL);
      long f = firings.value() == null ? 1 : firings.value() + 1;
      long t = total.value() == null ? 1 : total.value() + 1;
      firings.update(f);
      total.update(t);
      out.collect(key + " " + elements.iterator().next() + " firing " + f + " of window, " + t + " of key");
      ctx.output(INFO, "wm=" + ctx.currentWatermark() + " pt=" + ctx.currentProcessingTime());
    }

    @Override
    public void clear(Context<TimeWindow> ctx) {
      cleared.incrementAndGet();
      ctx.windowState().getState(FIRINGS).clear();
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void windowStateLivesPerWindowGlobalStatePerKeyAndSideOutputsCarryTheWindowTime(StateBackendKind backend)
      throws Exception {
    Counting fn = new Counting();
    try (KeyedOneInputHarness<String, Ev, String> h =
        WindowSpecs.<String>harness(window(TEN).lateness(100).reduce(SUM, fn), backend).processingTime(7).build()) {
      h.processElement(ev("a", 1), 1);
      h.processWatermark(9);
      h.processElement(ev("a", 2), 2); // late within lateness: second firing of [0,10)
      h.processElement(ev("a", 4), 14);
      h.processWatermark(19);
      assertThat(h.outputRecords()).containsExactly(StreamRecord.of("a a1 firing 1 of window, 1 of key", 9),
          StreamRecord.of("a a3 firing 2 of window, 2 of key", 9),
          StreamRecord.of("a a4 firing 1 of window, 3 of key", 19));
      assertThat(h.sideOutput(INFO)).containsExactly(StreamRecord.of("wm=9 pt=7", 9), StreamRecord.of("wm=9 pt=7", 9),
          StreamRecord.of("wm=19 pt=7", 19));
      assertThat(fn.cleared.get()).isZero();
      assertThat(h.state("a", FIRINGS, TimeWindow.Serializer.INSTANCE, new TimeWindow(0, 10)).value()).isEqualTo(2);
      h.processWatermark(109); // cleanup of [0,10)
      assertThat(fn.cleared.get()).isEqualTo(1);
      assertThat(h.state("a", FIRINGS, TimeWindow.Serializer.INSTANCE, new TimeWindow(0, 10)).value()).isNull();
      assertThat(h.state("a", FIRINGS, TimeWindow.Serializer.INSTANCE, new TimeWindow(10, 20)).value()).isEqualTo(1);
      assertThat(h.state("a", TOTAL).value()).isEqualTo(3);
      assertThat(h.output()).endsWith(Watermark.of(109));
    }
  }

  @Test
  void userFunctionsAreOpenedWithTheRuntimeContextAndClosed() throws Exception {
    Counting fn = new Counting();
    KeyedOneInputHarness<String, Ev, String> h =
        WindowSpecs.<String>harness(window(TEN).reduce(SUM, fn), StateBackendKind.HEAP).maxParallelism(16).build();
    assertThat(fn.opened.get()).isEqualTo(1);
    assertThat(fn.maxParallelismSeen).isEqualTo(16);
    assertThat(fn.closed.get()).isZero();
    h.close();
    assertThat(fn.closed.get()).isEqualTo(1);
  }

  @Test
  void aWindowThatKeepsAllElementsNeedsAFunction() {
    var spec = new io.rivulet.api.graph.OperatorSpec.WindowOp(TEN, TEN.defaultTrigger(), 0, null,
        new io.rivulet.api.graph.OperatorSpec.ListContents(Ev.Serializer.INSTANCE), null, false);
    assertThatThrownBy(() -> new WindowOperator<>(spec)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ProcessWindowFunction");
  }

  @Test
  void aReduceWithoutTheStreamsTypeFailsWithAHint() throws Exception {
    var spec = new io.rivulet.api.graph.OperatorSpec.WindowOp(TEN, TEN.defaultTrigger(), 0, null,
        new io.rivulet.api.graph.OperatorSpec.ReduceContents(SUM, null), null, false);
    assertThatThrownBy(() -> WindowSpecs.<Ev>harness(spec, StateBackendKind.HEAP).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serializer");
  }

  @Test
  void eventTimeWindowsRejectRecordsWithoutTimestamp() throws Exception {
    try (KeyedOneInputHarness<String, Ev, Ev> h =
        WindowSpecs.<Ev>harness(window(TEN).reduce(SUM), StateBackendKind.HEAP).build()) {
      assertThatThrownBy(() -> h.processElement(ev("a", 1))).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("without a timestamp");
    }
  }
}
