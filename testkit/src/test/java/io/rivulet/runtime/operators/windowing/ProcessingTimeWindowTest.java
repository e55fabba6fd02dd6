package io.rivulet.runtime.operators.windowing;

import static io.rivulet.runtime.operators.windowing.Ev.ev;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.SUM;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.rec;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.windowing.TumblingProcessingTimeWindows;
import io.rivulet.testkit.HarnessSnapshot;
import io.rivulet.testkit.KeyedOneInputHarness;
import io.rivulet.testkit.Watermark;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProcessingTimeWindowTest {
  private static final TumblingProcessingTimeWindows TEN = TumblingProcessingTimeWindows.of(Duration.ofMillis(10));

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void tumblingWindowsFireWhenTheClockPassesTheirEnd(StateBackendKind backend) throws Exception {
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(window(TEN).reduce(SUM), backend).build()) {
      h.processElement(ev("a", 1), 500); // event time is ignored
      h.setProcessingTime(3);
      h.processElement(ev("a", 2), 1);
      h.processElement(ev("b", 4));
      h.processWatermark(1000); // watermarks do not fire processing-time windows
      h.setProcessingTime(8);
      assertThat(h.output()).containsExactly(Watermark.of(1000));
      h.setProcessingTime(10);
      h.processElement(ev("a", 8)); // [10,20)
      h.setProcessingTime(25);
      assertThat(h.output()).containsExactly(Watermark.of(1000), rec("a", 3, 9), rec("b", 4, 9), rec("a", 8, 19));
      WindowOperator<?, ?, ?, ?> op = (WindowOperator<?, ?, ?, ?>) h.operator();
      assertThat(op.numProcessingTimeTimers()).isZero();
      assertThat(TumblingEventTimeWindowTest.contents(h, "a", new io.rivulet.api.windowing.TimeWindow(0, 10)).get())
          .isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void processingTimeTimersSurviveSnapshotAndRestore(StateBackendKind backend) throws Exception {
    var spec = window(TEN).reduce(SUM);
    HarnessSnapshot snapshot;
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(spec, backend).processingTime(2).build()) {
      h.processElement(ev("a", 1));
      h.processElement(ev("b", 2));
      snapshot = h.snapshot();
    }
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(spec, backend).restoreFrom(snapshot).build()) {
      assertThat(h.processingTime()).isEqualTo(2);
      h.processElement(ev("a", 4));
      h.setProcessingTime(10);
      assertThat(h.output()).containsExactly(rec("a", 5, 9), rec("b", 2, 9));
    }
  }
}
