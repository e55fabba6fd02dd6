package io.rivulet.runtime.operators.windowing;

import static io.rivulet.runtime.operators.windowing.Ev.ev;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.LATE;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.SUM;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.harness;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.rec;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.functions.ProcessWindowFunction;
import io.rivulet.api.state.ReducingStateDescriptor;
import io.rivulet.api.windowing.EventTimeTrigger;
import io.rivulet.api.windowing.PurgingTrigger;
import io.rivulet.api.windowing.TimeWindow;
import io.rivulet.api.windowing.TumblingEventTimeWindows;
import io.rivulet.testkit.KeyedOneInputHarness;
import io.rivulet.testkit.StreamRecord;
import io.rivulet.testkit.Watermark;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TumblingEventTimeWindowTest {
  private static final TumblingEventTimeWindows TEN = TumblingEventTimeWindows.of(Duration.ofMillis(10));

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void reduceFiresPerKeyWhenTheWatermarkPassesTheEnd(StateBackendKind backend) throws Exception {
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(window(TEN).reduce(SUM), backend).build()) {
      h.processElement(ev("a", 1), 1);
      h.processElement(ev("b", 2), 2);
      h.processElement(ev("a", 3), 5);
      h.processElement(ev("a", 4), 12);
      h.processWatermark(8);
      assertThat(h.output()).containsExactly(Watermark.of(8));
      h.processWatermark(9);
      h.processWatermark(20);
      assertThat(h.output()).containsExactly(Watermark.of(8), rec("a", 4, 9), rec("b", 2, 9), Watermark.of(9),
          rec("a", 4, 19), Watermark.of(20));
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void aggregateWithWindowFunctionSeesKeyWindowAndResult(StateBackendKind backend) throws Exception {
    ProcessWindowFunction<Long, String, String, TimeWindow> describe =
        (key, ctx, counts, out) -> out.collect(key + " " + ctx.window() + " n=" + counts.iterator().next());
    try (KeyedOneInputHarness<String, Ev, String> h =
        WindowSpecs.<String>harness(window(TEN).aggregate(WindowSpecs.COUNT, describe), backend).build()) {
      h.processElement(ev("a", 1), 1);
      h.processElement(ev("a", 1), 3);
      h.processElement(ev("a", 1), 10);
      h.processWatermark(Long.MAX_VALUE);
      assertThat(h.output()).containsExactly(StreamRecord.of("a TimeWindow[0, 10) n=2", 9),
          StreamRecord.of("a TimeWindow[10, 20) n=1", 19), Watermark.of(Long.MAX_VALUE));
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void aggregateWithoutWindowFunctionEmitsTheResult(StateBackendKind backend) throws Exception {
    try (KeyedOneInputHarness<String, Ev, Long> h =
        WindowSpecs.<Long>harness(window(TEN).aggregate(WindowSpecs.COUNT), backend).build()) {
      h.processElement(ev("a", 7), 1);
      h.processElement(ev("a", 7), 2);
      h.processElement(ev("a", 7), 3);
      h.processWatermark(10);
      assertThat(h.output()).containsExactly(StreamRecord.of(3L, 9), Watermark.of(10));
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void processWindowFunctionGetsAllElementsInArrivalOrder(StateBackendKind backend) throws Exception {
    ProcessWindowFunction<Ev, String, String, TimeWindow> list = (key, ctx, elements, out) -> {
      List<Ev> all = new ArrayList<>();
      elements.forEach(all::add);
      out.collect(key + all + " wm=" + ctx.currentWatermark());
    };
    try (KeyedOneInputHarness<String, Ev, String> h =
        WindowSpecs.<String>harness(window(TEN).process(list), backend).build()) {
      h.processElement(ev("a", 3), 3);
      h.processElement(ev("a", 1), 1);
      h.processElement(ev("a", 2), 2);
      h.processWatermark(15);
      assertThat(h.output()).containsExactly(StreamRecord.of("a[a3, a1, a2] wm=15", 9), Watermark.of(15));
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void lateRecordsGoToTheSideOutputWithTheirOwnTimestamp(StateBackendKind backend) throws Exception {
    try (KeyedOneInputHarness<String, Ev, Ev> h =
        WindowSpecs.<Ev>harness(window(TEN).lateTag(LATE).reduce(SUM), backend).build()) {
      h.processElement(ev("a", 1), 1);
      h.processWatermark(9);
      h.processElement(ev("a", 2), 5);
      h.processElement(ev("a", 3), 10);
      h.processWatermark(19);
      assertThat(h.output()).containsExactly(rec("a", 1, 9), Watermark.of(9), rec("a", 3, 19), Watermark.of(19));
      assertThat(h.sideOutput(LATE)).containsExactly(rec("a", 2, 5));
      assertThat(h.metrics().lateRecordsDropped().sum()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void lateRecordsWithoutSideOutputAreDroppedAndCounted(StateBackendKind backend) throws Exception {
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(window(TEN).reduce(SUM), backend).build()) {
      h.processElement(ev("a", 1), 1);
      h.processWatermark(10);
      h.processElement(ev("a", 2), 9);
      h.processElement(ev("b", 2), 0);
      h.processWatermark(30);
      assertThat(h.output()).containsExactly(rec("a", 1, 9), Watermark.of(10), Watermark.of(30));
      assertThat(h.metrics().lateRecordsDropped().sum()).isEqualTo(2);
      assertThat(h.sideOutput(LATE)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void allowedLatenessRefiresWithUpdatedContentsUntilCleanup(StateBackendKind backend) throws Exception {
    try (KeyedOneInputHarness<String, Ev, Ev> h =
        WindowSpecs.<Ev>harness(window(TEN).lateness(5).lateTag(LATE).reduce(SUM), backend).build()) {
      h.processElement(ev("a", 1), 1);
      h.processWatermark(9);
      h.processElement(ev("a", 2), 3); // late but allowed: fires again at once
      h.processElement(ev("a", 4), 8);
      h.processWatermark(13);
      h.processElement(ev("a", 8), 0); // still allowed: 9 + 5 > 13
      h.processWatermark(14); // cleanup time 9 + 5
      h.processElement(ev("a", 16), 2); // now too late
      assertThat(h.output()).containsExactly(rec("a", 1, 9), Watermark.of(9), rec("a", 3, 9), rec("a", 7, 9),
          Watermark.of(13), rec("a", 15, 9), Watermark.of(14));
      assertThat(h.sideOutput(LATE)).containsExactly(rec("a", 16, 2));
      WindowOperator<?, ?, ?, ?> op = (WindowOperator<?, ?, ?, ?>) h.operator();
      assertThat(op.numEventTimeTimers()).isZero();
      assertThat(contents(h, "a", new TimeWindow(0, 10)).get()).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void purgingEventTimeTriggerEmitsOnlyWhatCameSinceTheLastFiring(StateBackendKind backend) throws Exception {
    var spec = window(TEN).lateness(100).trigger(PurgingTrigger.of(EventTimeTrigger.create())).reduce(SUM);
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(spec, backend).build()) {
      h.processElement(ev("a", 1), 1);
      h.processElement(ev("a", 2), 2);
      h.processWatermark(9);
      h.processElement(ev("a", 4), 3);
      h.processWatermark(50);
      assertThat(h.output()).containsExactly(rec("a", 3, 9), Watermark.of(9), rec("a", 4, 9), Watermark.of(50));
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void stateAndTimersAreGoneAfterTheCleanupTime(StateBackendKind backend) throws Exception {
    try (KeyedOneInputHarness<String, Ev, Ev> h =
        WindowSpecs.<Ev>harness(window(TEN).lateness(20).reduce(SUM), backend).build()) {
      h.processElement(ev("a", 1), 1);
      h.processElement(ev("b", 1), 15);
      WindowOperator<?, ?, ?, ?> op = (WindowOperator<?, ?, ?, ?>) h.operator();
      // per window: the end-of-window timer and the cleanup timer
      assertThat(op.numEventTimeTimers()).isEqualTo(4);
      h.processWatermark(28);
      assertThat(op.numEventTimeTimers()).isEqualTo(2);
      assertThat(contents(h, "a", new TimeWindow(0, 10)).get()).isEqualTo(ev("a", 1));
      h.processWatermark(29);
      assertThat(contents(h, "a", new TimeWindow(0, 10)).get()).isNull();
      assertThat(contents(h, "b", new TimeWindow(10, 20)).get()).isEqualTo(ev("b", 1));
      h.processWatermark(39);
      assertThat(contents(h, "b", new TimeWindow(10, 20)).get()).isNull();
      assertThat(op.numEventTimeTimers()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void theFinalWatermarkFiresEveryOpenWindow(StateBackendKind backend) throws Exception {
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(window(TEN).reduce(SUM), backend).build()) {
      h.processElement(ev("a", 1), 1000);
      h.processElement(ev("a", 1), 5);
      h.processWatermark(Long.MAX_VALUE);
      h.finish();
      assertThat(h.output()).containsExactly(rec("a", 1, 9), rec("a", 1, 1009), Watermark.of(Long.MAX_VALUE));
    }
  }

  static io.rivulet.api.state.ReducingState<Ev> contents(KeyedOneInputHarness<String, Ev, ?> h, String key,
      TimeWindow window) {
    return h.state(key, new ReducingStateDescriptor<>(WindowContentsState.STATE_NAME, SUM, Ev.Serializer.INSTANCE),
        TimeWindow.Serializer.INSTANCE, window);
  }
}
