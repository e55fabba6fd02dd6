package io.rivulet.runtime.operators.windowing;

import static io.rivulet.runtime.operators.windowing.Ev.ev;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.LATE;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.SUM;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.rec;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.windowing.SlidingEventTimeWindows;
import io.rivulet.api.windowing.SlidingProcessingTimeWindows;
import io.rivulet.testkit.KeyedOneInputHarness;
import io.rivulet.testkit.Watermark;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SlidingWindowTest {
  private static final SlidingEventTimeWindows TEN_BY_FIVE =
      SlidingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(5));

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void eachRecordCountsInEveryWindowItFallsInto(StateBackendKind backend) throws Exception {
    try (KeyedOneInputHarness<String, Ev, Ev> h =
        WindowSpecs.<Ev>harness(window(TEN_BY_FIVE).reduce(SUM), backend).build()) {
      h.processElement(ev("a", 1), 3); // [-5,5) [0,10)
      h.processElement(ev("a", 2), 7); // [0,10) [5,15)
      h.processElement(ev("a", 4), 12); // [5,15) [10,20)
      h.processWatermark(4);
      h.processWatermark(9);
      h.processWatermark(14);
      h.processWatermark(19);
      assertThat(h.output()).containsExactly(rec("a", 1, 4), Watermark.of(4), rec("a", 3, 9), Watermark.of(9),
          rec("a", 6, 14), Watermark.of(14), rec("a", 4, 19), Watermark.of(19));
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void aRecordLateForSomeWindowsOnlyGoesIntoTheOthers(StateBackendKind backend) throws Exception {
    try (KeyedOneInputHarness<String, Ev, Ev> h =
        WindowSpecs.<Ev>harness(window(TEN_BY_FIVE).lateTag(LATE).reduce(SUM), backend).build()) {
      h.processWatermark(9);
      h.processElement(ev("a", 1), 7); // [0,10) is late, [5,15) is not
      h.processElement(ev("a", 2), 4); // [-5,5) and [0,10) are late
      h.processWatermark(14);
      assertThat(h.output()).containsExactly(Watermark.of(9), rec("a", 1, 14), Watermark.of(14));
      assertThat(h.sideOutput(LATE)).containsExactly(rec("a", 2, 4));
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void slidingProcessingTimeWindowsFireByTheClock(StateBackendKind backend) throws Exception {
    var spec = window(SlidingProcessingTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(5))).reduce(SUM);
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(spec, backend).processingTime(3).build()) {
      h.processElement(ev("a", 1), 100); // at 3: [-5,5) [0,10); the record's timestamp does not matter
      h.setProcessingTime(7);
      h.processElement(ev("a", 2)); // at 7: [0,10) [5,15)
      assertThat(h.output()).containsExactly(rec("a", 1, 4));
      h.setProcessingTime(14);
      assertThat(h.output()).containsExactly(rec("a", 1, 4), rec("a", 3, 9), rec("a", 2, 14));
    }
  }
}
