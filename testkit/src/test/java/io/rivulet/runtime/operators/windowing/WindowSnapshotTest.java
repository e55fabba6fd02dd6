package io.rivulet.runtime.operators.windowing;

import static io.rivulet.runtime.operators.windowing.Ev.ev;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.LATE;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.SUM;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.rec;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.functions.ProcessWindowFunction;
import io.rivulet.api.windowing.TimeWindow;
import io.rivulet.api.windowing.TumblingEventTimeWindows;
import io.rivulet.testkit.HarnessSnapshot;
import io.rivulet.testkit.KeyedOneInputHarness;
import io.rivulet.testkit.StreamRecord;
import io.rivulet.testkit.Watermark;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class WindowSnapshotTest {
  private static final TumblingEventTimeWindows TEN = TumblingEventTimeWindows.of(Duration.ofMillis(10));

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void aRestoredOperatorFinishesTheWindowsOpenAtTheSnapshot(StateBackendKind backend) throws Exception {
    var spec = window(TEN).lateness(5).lateTag(LATE).reduce(SUM);
    HarnessSnapshot snapshot;
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(spec, backend).build()) {
      h.processElement(ev("a", 1), 1);
      h.processElement(ev("b", 2), 3);
      h.processElement(ev("a", 4), 15);
      h.processWatermark(9);
      assertThat(h.output()).containsExactly(rec("a", 1, 9), rec("b", 2, 9), Watermark.of(9));
      snapshot = h.snapshot();
      // what happens after the snapshot is lost with this instance
      h.processElement(ev("a", 1000), 16);
    }
    try (KeyedOneInputHarness<String, Ev, Ev> h =
        WindowSpecs.<Ev>harness(spec, backend).restoreFrom(snapshot).build()) {
      h.processWatermark(9); // the watermark is not part of the snapshot: upstream sends it again
      h.processElement(ev("a", 8), 2); // late but allowed: [0,10) fires again from restored contents
      h.processElement(ev("a", 16), 12);
      h.processWatermark(14); // cleans up [0,10)
      h.processElement(ev("b", 32), 0);
      h.processWatermark(19);
      assertThat(h.output()).containsExactly(Watermark.of(9), rec("a", 9, 9), Watermark.of(14), rec("a", 20, 19),
          Watermark.of(19));
      assertThat(h.sideOutput(LATE)).containsExactly(rec("b", 32, 0));
    }
  }

  @ParameterizedTest
  @CsvSource({"HEAP, HEAP", "HEAP, ROCKSDB", "ROCKSDB, HEAP", "ROCKSDB, ROCKSDB"})
  void snapshotsMoveBetweenBackends(StateBackendKind from, StateBackendKind to) throws Exception {
    ProcessWindowFunction<Ev, String, String, TimeWindow> list = (key, ctx, elements, out) -> {
      List<Ev> all = new ArrayList<>();
      elements.forEach(all::add);
      out.collect(key + all);
    };
    var spec = window(TEN).process(list);
    HarnessSnapshot snapshot;
    try (KeyedOneInputHarness<String, Ev, String> h = WindowSpecs.<String>harness(spec, from).build()) {
      h.processElement(ev("a", 1), 1);
      h.processElement(ev("a", 2), 2);
      h.processElement(ev("b", 3), 13);
      snapshot = h.snapshot();
    }
    try (KeyedOneInputHarness<String, Ev, String> h =
        WindowSpecs.<String>harness(spec, to).restoreFrom(snapshot).build()) {
      h.processElement(ev("a", 3), 3);
      h.processWatermark(20);
      assertThat(h.output()).containsExactly(StreamRecord.of("a[a1, a2, a3]", 9), StreamRecord.of("b[b3]", 19),
          Watermark.of(20));
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void aSnapshotAfterCleanupHoldsNoWindowState(StateBackendKind backend) throws Exception {
    var spec = window(TEN).reduce(SUM);
    try (KeyedOneInputHarness<String, Ev, Ev> empty = WindowSpecs.<Ev>harness(spec, backend).build();
        KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(spec, backend).build()) {
      for (int i = 0; i < 50; i++) {
        h.processElement(ev("k" + i, i), i);
      }
      assertThat(h.snapshot().keyedStateSize()).isGreaterThan(empty.snapshot().keyedStateSize());
      h.processWatermark(100);
      assertThat(h.snapshot().keyedStateSize()).isEqualTo(empty.snapshot().keyedStateSize());
    }
  }
}
