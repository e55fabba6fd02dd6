package io.rivulet.runtime.operators.windowing;

import static io.rivulet.runtime.operators.windowing.Ev.ev;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.LATE;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.SUM;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.rec;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.functions.ProcessWindowFunction;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.ValueStateDescriptor;
import io.rivulet.api.windowing.CountTrigger;
import io.rivulet.api.windowing.EventTimeSessionWindows;
import io.rivulet.api.windowing.ProcessingTimeSessionWindows;
import io.rivulet.api.windowing.TimeWindow;
import io.rivulet.api.windowing.TumblingEventTimeWindows;
import io.rivulet.testkit.HarnessSnapshot;
import io.rivulet.testkit.KeyedOneInputHarness;
import io.rivulet.testkit.Watermark;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SessionWindowTest {
  private static final EventTimeSessionWindows GAP_10 = EventTimeSessionWindows.withGap(Duration.ofMillis(10));

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void recordsCloserThanTheGapFormOneSession(StateBackendKind backend) throws Exception {
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(window(GAP_10).reduce(SUM), backend).build()) {
      h.processElement(ev("a", 1), 0);
      h.processElement(ev("a", 2), 5); // [0,15)
      h.processElement(ev("b", 1), 3); // b's own session [3,13)
      h.processElement(ev("a", 4), 30); // a new session [30,40)
      h.processWatermark(14);
      h.processWatermark(40);
      assertThat(h.output()).containsExactly(rec("b", 1, 12), rec("a", 3, 14), Watermark.of(14), rec("a", 4, 39),
          Watermark.of(40));
      WindowOperator<?, ?, ?, ?> op = (WindowOperator<?, ?, ?, ?>) h.operator();
      assertThat(op.numEventTimeTimers()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void aRecordBetweenTwoSessionsMergesThemIntoOne(StateBackendKind backend) throws Exception {
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(window(GAP_10).reduce(SUM), backend).build()) {
      h.processElement(ev("a", 1), 0); // [0,10)
      h.processElement(ev("a", 2), 20); // [20,30)
      h.processElement(ev("a", 4), 10); // [10,20) touches both: [0,30)
      h.processWatermark(9); // the old session's end timer must be gone
      h.processWatermark(29);
      assertThat(h.output()).containsExactly(Watermark.of(9), rec("a", 7, 29), Watermark.of(29));
      WindowOperator<?, ?, ?, ?> op = (WindowOperator<?, ?, ?, ?>) h.operator();
      assertThat(op.numEventTimeTimers()).isZero();
      assertThat(h.state("a", mergingSet()).isEmpty()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void sessionsMergeAcrossSnapshotAndRestore(StateBackendKind backend) throws Exception {
    var spec = window(GAP_10).reduce(SUM);
    HarnessSnapshot snapshot;
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(spec, backend).build()) {
      h.processElement(ev("a", 1), 0);
      h.processElement(ev("a", 2), 20);
      h.processElement(ev("b", 5), 2);
      snapshot = h.snapshot();
      assertThat(h.output()).isEmpty();
    }
    try (KeyedOneInputHarness<String, Ev, Ev> h =
        WindowSpecs.<Ev>harness(spec, backend).restoreFrom(snapshot).build()) {
      h.processElement(ev("a", 4), 10);
      h.processElement(ev("b", 10), 11);
      h.processWatermark(100);
      assertThat(h.output()).containsExactly(rec("b", 15, 20), rec("a", 7, 29), Watermark.of(100));
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void countTriggerStateIsMergedWithTheSessions(StateBackendKind backend) throws Exception {
    var spec = window(GAP_10).trigger(CountTrigger.of(3)).reduce(SUM);
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(spec, backend).build()) {
      h.processElement(ev("a", 1), 0); // count 1 in [0,10)
      h.processElement(ev("a", 2), 20); // count 1 in [20,30)
      assertThat(h.output()).isEmpty();
      h.processElement(ev("a", 4), 10); // merged count 2, plus this one: fires
      assertThat(h.output()).containsExactly(rec("a", 7, 29));
      h.processElement(ev("a", 8), 25);
      h.processElement(ev("a", 16), 28);
      assertThat(h.output()).containsExactly(rec("a", 7, 29));
      h.processElement(ev("a", 32), 1);
      assertThat(h.output()).containsExactly(rec("a", 7, 29), rec("a", 63, 37));
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void lateSessionRecordsGoToTheSideOutput(StateBackendKind backend) throws Exception {
    try (KeyedOneInputHarness<String, Ev, Ev> h =
        WindowSpecs.<Ev>harness(window(GAP_10).lateTag(LATE).reduce(SUM), backend).build()) {
      h.processElement(ev("a", 1), 0);
      h.processWatermark(20);
      h.processElement(ev("a", 2), 5); // [5,15) ends before the watermark
      h.processElement(ev("a", 4), 15); // [15,25) is still open
      h.processWatermark(30);
      assertThat(h.output()).containsExactly(rec("a", 1, 9), Watermark.of(20), rec("a", 4, 24), Watermark.of(30));
      assertThat(h.sideOutput(LATE)).containsExactly(rec("a", 2, 5));
      assertThat(h.state("a", mergingSet()).isEmpty()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void processFunctionOverSessionsSeesTheMergedWindowAndAllElements(StateBackendKind backend) throws Exception {
    ProcessWindowFunction<Ev, String, String, TimeWindow> list = (key, ctx, elements, out) -> {
      List<Long> values = new ArrayList<>();
      elements.forEach(e -> values.add(e.value()));
      out.collect(key + " " + ctx.window() + " " + values);
    };
    try (KeyedOneInputHarness<String, Ev, String> h =
        WindowSpecs.<String>harness(window(GAP_10).process(list), backend).build()) {
      h.processElement(ev("a", 1), 0);
      h.processElement(ev("a", 2), 20);
      h.processElement(ev("a", 3), 12); // [12,22) joins [20,30) only
      h.processElement(ev("a", 4), 8); // [8,18) joins both
      h.processWatermark(100);
      assertThat(h.outputValues()).hasSize(1);
      String out = h.outputValues().get(0);
      assertThat(out).startsWith("a TimeWindow[0, 30) [");
      // the merged contents are in some order; every element is there once
      assertThat(out.substring(out.lastIndexOf('[') + 1, out.length() - 1).split(", "))
          .containsExactlyInAnyOrder("1", "2", "3", "4");
      assertThat(h.outputRecords().get(0).timestamp()).isEqualTo(29);
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void processingTimeSessionsCloseAfterTheGapWithoutRecords(StateBackendKind backend) throws Exception {
    var spec = window(ProcessingTimeSessionWindows.withGap(Duration.ofMillis(10))).reduce(SUM);
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(spec, backend).build()) {
      h.processElement(ev("a", 1)); // at 0: [0,10)
      h.setProcessingTime(5);
      h.processElement(ev("a", 2)); // [5,15) merges: [0,15)
      h.setProcessingTime(9);
      assertThat(h.output()).isEmpty();
      h.setProcessingTime(14);
      assertThat(h.output()).containsExactly(rec("a", 3, 14));
      h.processElement(ev("a", 4)); // at 14: a new session [14,24)
      h.setProcessingTime(30);
      assertThat(h.output()).containsExactly(rec("a", 3, 14), rec("a", 4, 23));
      WindowOperator<?, ?, ?, ?> op = (WindowOperator<?, ?, ?, ?>) h.operator();
      assertThat(op.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void windowStateIsRefusedForMergingWindows() throws Exception {
    ProcessWindowFunction<Ev, String, String, TimeWindow> usesWindowState = (key, ctx, elements, out) ->
        ctx.windowState().getState(new ValueStateDescriptor<>("x", Types.LONG));
    try (KeyedOneInputHarness<String, Ev, String> h =
        WindowSpecs.<String>harness(window(GAP_10).process(usesWindowState), StateBackendKind.HEAP).build()) {
      h.processElement(ev("a", 1), 0);
      assertThatThrownBy(() -> h.processWatermark(100)).isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("merging");
    }
  }

  @Test
  void aMergingAssignerNeedsATriggerThatCanMerge() {
    var nonMerging = new io.rivulet.api.windowing.Trigger<Object, TimeWindow>() {
      @Override
      public io.rivulet.api.windowing.TriggerResult onElement(Object e, long t, TimeWindow w, TriggerContext c) {
        return io.rivulet.api.windowing.TriggerResult.CONTINUE;
      }

      @Override
      public io.rivulet.api.windowing.TriggerResult onEventTime(long t, TimeWindow w, TriggerContext c) {
        return io.rivulet.api.windowing.TriggerResult.CONTINUE;
      }

      @Override
      public io.rivulet.api.windowing.TriggerResult onProcessingTime(long t, TimeWindow w, TriggerContext c) {
        return io.rivulet.api.windowing.TriggerResult.CONTINUE;
      }

      @Override
      public void clear(TimeWindow w, TriggerContext c) {}
    };
    assertThatThrownBy(() -> new WindowOperator<>(window(GAP_10).trigger(nonMerging).reduce(SUM)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("merge");
    assertThat(new WindowOperator<>(
        window(TumblingEventTimeWindows.of(Duration.ofMillis(1))).trigger(nonMerging).reduce(SUM))).isNotNull();
  }

  static io.rivulet.api.state.MapStateDescriptor<TimeWindow, TimeWindow> mergingSet() {
    return new io.rivulet.api.state.MapStateDescriptor<>(WindowOperator.MERGING_SET_STATE_NAME,
        TimeWindow.Serializer.INSTANCE, TimeWindow.Serializer.INSTANCE);
  }
}
