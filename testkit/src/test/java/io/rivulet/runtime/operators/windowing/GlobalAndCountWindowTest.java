package io.rivulet.runtime.operators.windowing;

import static io.rivulet.runtime.operators.windowing.Ev.ev;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.SUM;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.rec;
import static io.rivulet.runtime.operators.windowing.WindowSpecs.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.ReducingStateDescriptor;
import io.rivulet.api.windowing.CountTrigger;
import io.rivulet.api.windowing.GlobalWindow;
import io.rivulet.api.windowing.GlobalWindows;
import io.rivulet.api.windowing.PurgingTrigger;
import io.rivulet.testkit.HarnessSnapshot;
import io.rivulet.testkit.KeyedOneInputHarness;
import io.rivulet.testkit.Watermark;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GlobalAndCountWindowTest {
  private static final long END = Long.MAX_VALUE;

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void theGlobalWindowsDefaultTriggerNeverFires(StateBackendKind backend) throws Exception {
    try (KeyedOneInputHarness<String, Ev, Ev> h =
        WindowSpecs.<Ev>harness(window(GlobalWindows.create()).reduce(SUM), backend).build()) {
      h.processElement(ev("a", 1), 1);
      h.processElement(ev("a", 2), 2);
      h.setProcessingTime(Long.MAX_VALUE - 1);
      h.processWatermark(Long.MAX_VALUE);
      h.finish();
      assertThat(h.output()).containsExactly(Watermark.of(Long.MAX_VALUE));
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void countWindowFiresEveryNRecordsPerKeyAndStartsOver(StateBackendKind backend) throws Exception {
    // what KeyedStream.countWindow(3) builds
    var spec = window(GlobalWindows.create()).trigger(PurgingTrigger.of(CountTrigger.<GlobalWindow>of(3))).reduce(SUM);
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(spec, backend).build()) {
      h.processElement(ev("a", 1), 1);
      h.processElement(ev("a", 2), 2);
      h.processElement(ev("b", 10), 3);
      h.processElement(ev("a", 4), 4);
      h.processElement(ev("a", 8), 5);
      h.processElement(ev("b", 20), 6);
      h.processElement(ev("b", 30), 7);
      h.processElement(ev("a", 16), 8);
      assertThat(h.output()).containsExactly(rec("a", 7, END), rec("b", 60, END));
      h.processElement(ev("a", 32), 9);
      assertThat(h.output()).containsExactly(rec("a", 7, END), rec("b", 60, END), rec("a", 56, END));
      h.processElement(ev("a", 64), 10);
      // purged and counted down: b holds nothing, a only what came after its last firing
      assertThat(h.state("b", countState(), GlobalWindow.Serializer.INSTANCE, GlobalWindow.INSTANCE).get()).isNull();
      assertThat(h.state("b", contents(), GlobalWindow.Serializer.INSTANCE, GlobalWindow.INSTANCE).get()).isNull();
      assertThat(h.state("a", countState(), GlobalWindow.Serializer.INSTANCE, GlobalWindow.INSTANCE).get())
          .isEqualTo(1L);
      assertThat(h.state("a", contents(), GlobalWindow.Serializer.INSTANCE, GlobalWindow.INSTANCE).get())
          .isEqualTo(ev("a", 64));
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void countTriggerWithoutPurgingFiresTheWholeWindowAgain(StateBackendKind backend) throws Exception {
    var spec = window(GlobalWindows.create()).trigger(CountTrigger.<GlobalWindow>of(2)).reduce(SUM);
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(spec, backend).build()) {
      h.processElement(ev("a", 1), 1);
      h.processElement(ev("a", 2), 2);
      h.processElement(ev("a", 4), 3);
      h.processElement(ev("a", 8), 4);
      assertThat(h.output()).containsExactly(rec("a", 3, END), rec("a", 15, END));
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void theCountSurvivesSnapshotAndRestore(StateBackendKind backend) throws Exception {
    var spec = window(GlobalWindows.create()).trigger(PurgingTrigger.of(CountTrigger.<GlobalWindow>of(3))).reduce(SUM);
    HarnessSnapshot snapshot;
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(spec, backend).build()) {
      h.processElement(ev("a", 1), 1);
      h.processElement(ev("a", 2), 2);
      snapshot = h.snapshot();
    }
    try (KeyedOneInputHarness<String, Ev, Ev> h = WindowSpecs.<Ev>harness(spec, backend).restoreFrom(snapshot).build()) {
      h.processElement(ev("a", 4), 3);
      assertThat(h.output()).containsExactly(rec("a", 7, END));
    }
  }

  private static ReducingStateDescriptor<Ev> contents() {
    return new ReducingStateDescriptor<>(WindowContentsState.STATE_NAME, SUM, Ev.Serializer.INSTANCE);
  }

  private static ReducingStateDescriptor<Long> countState() {
    return new ReducingStateDescriptor<>("count-trigger", Long::sum, Types.LONG);
  }
}
