package io.rivulet.runtime.operators.windowing;

import static io.rivulet.runtime.operators.windowing.Ev.ev;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.LATE;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.SUM;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.rec;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.windowing.CountTrigger;
import io.rivulet.api.windowing.EventTimeSessionWindows;
import io.rivulet.api.windowing.GlobalWindow;
import io.rivulet.api.windowing.GlobalWindows;
import io.rivulet.api.windowing.ProcessingTimeSessionWindows;
import io.rivulet.api.windowing.PurgingTrigger;
import io.rivulet.api.windowing.SlidingEventTimeWindows;
import io.rivulet.api.windowing.TumblingEventTimeWindows;
import io.rivulet.api.windowing.TumblingProcessingTimeWindows;
import io.rivulet.testkit.Adversity;
import io.rivulet.testkit.RecordedOutput;
import io.rivulet.testkit.StreamRecord;
import io.rivulet.testkit.Watermark;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every window kind gives the same output when restored after every batch and held back every other call. */
class WindowAdversityTest {

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void tumblingWithLatenessAndLateData(StateBackendKind backend) throws Exception {
    var spec = window(TumblingEventTimeWindows.of(Duration.ofMillis(10))).lateness(5).lateTag(LATE).reduce(SUM);
    RecordedOutput out = Adversity.assertSameOutputIgnoringTieOrder(WindowSpecs.<Ev>harness(spec, backend), h -> {
      h.processElement(ev("a", 1), 1);
      h.processElements(List.of(rec("b", 2, 4), rec("a", 4, 12)));
      h.processWatermark(9);
      h.processElement(ev("a", 8), 5); // allowed lateness: fires again
      h.processWatermark(14);
      h.processElement(ev("b", 16), 3); // too late
      h.processWatermark(30);
    });
    assertThat(out.events()).containsExactly(rec("a", 1, 9), rec("b", 2, 9), Watermark.of(9), rec("a", 9, 9),
        Watermark.of(14), rec("a", 4, 19), Watermark.of(30));
    assertThat(out.sideOutputs()).isEqualTo(Map.of("late", List.of(rec("b", 16, 3))));
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void slidingWithDroppedLateData(StateBackendKind backend) throws Exception {
    var spec = window(SlidingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(5))).reduce(SUM);
    RecordedOutput out = Adversity.assertSameOutput(WindowSpecs.<Ev>harness(spec, backend), h -> {
      h.processElement(ev("a", 1), 3);
      h.processElement(ev("a", 2), 7);
      h.processWatermark(9);
      h.processElement(ev("a", 4), 2); // both windows late: dropped and counted
      h.processElement(ev("a", 8), 12);
      h.processWatermark(20);
    });
    assertThat(out.events()).containsExactly(rec("a", 1, 4), rec("a", 3, 9), Watermark.of(9), rec("a", 10, 14),
        rec("a", 8, 19), Watermark.of(20));
    assertThat(out.lateRecordsDropped()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void sessionsMergingBetweenRestores(StateBackendKind backend) throws Exception {
    var spec = window(EventTimeSessionWindows.withGap(Duration.ofMillis(10))).trigger(
        PurgingTrigger.of(io.rivulet.api.windowing.EventTimeTrigger.create())).lateness(20).reduce(SUM);
    RecordedOutput out = Adversity.assertSameOutput(WindowSpecs.<Ev>harness(spec, backend), h -> {
      h.processElement(ev("a", 1), 0);
      h.processElement(ev("a", 2), 20);
      h.processElement(ev("a", 4), 10); // merges [0,10) and [20,30)
      h.processElement(ev("a", 8), 45);
      h.processWatermark(29);
      h.processElement(ev("a", 16), 25); // late within lateness: merged window fires with the new element only
      h.processWatermark(100);
    });
    assertThat(out.events()).containsExactly(rec("a", 7, 29), Watermark.of(29), rec("a", 16, 34), rec("a", 8, 54),
        Watermark.of(100));
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void processingTimeTumblingAndSessions(StateBackendKind backend) throws Exception {
    var tumbling = window(TumblingProcessingTimeWindows.of(Duration.ofMillis(10))).reduce(SUM);
    RecordedOutput out = Adversity.assertSameOutput(WindowSpecs.<Ev>harness(tumbling, backend), h -> {
      h.processElement(ev("a", 1));
      h.setProcessingTime(5);
      h.processElement(ev("a", 2));
      h.setProcessingTime(12);
      h.processElement(ev("a", 4));
      h.setProcessingTime(40);
    });
    assertThat(out.events()).containsExactly(rec("a", 3, 9), rec("a", 4, 19));

    var sessions = window(ProcessingTimeSessionWindows.withGap(Duration.ofMillis(10))).reduce(SUM);
    RecordedOutput sessionOut = Adversity.assertSameOutput(WindowSpecs.<Ev>harness(sessions, backend), h -> {
      h.processElement(ev("a", 1));
      h.setProcessingTime(8);
      h.processElement(ev("a", 2));
      h.setProcessingTime(16); // [0,18) still open
      h.processElement(ev("a", 4));
      h.setProcessingTime(50);
    });
    assertThat(sessionOut.events()).containsExactly(rec("a", 7, 25));
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void countWindows(StateBackendKind backend) throws Exception {
    var spec = window(GlobalWindows.create()).trigger(PurgingTrigger.of(CountTrigger.<GlobalWindow>of(2))).reduce(SUM);
    RecordedOutput out = Adversity.assertSameOutput(WindowSpecs.<Ev>harness(spec, backend), h -> {
      for (int i = 0; i < 7; i++) {
        h.processElement(ev(i % 2 == 0 ? "a" : "b", 1L << i), i);
      }
    });
    assertThat(out.events()).containsExactly(StreamRecord.of(ev("a", 1 + 4), Long.MAX_VALUE),
        StreamRecord.of(ev("b", 2 + 8), Long.MAX_VALUE), StreamRecord.of(ev("a", 16 + 64), Long.MAX_VALUE));
  }
}
