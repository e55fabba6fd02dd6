package io.rivulet.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.serialization.Types;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyedOneInputHarnessTest {

  private static KeyedOneInputHarness.Builder<String, String, String> builder(StateBackendKind backend) {
    return KeyedOneInputHarness.<String, String, String>builder(TestOperators.CountPerKey::new,
        v -> v.substring(0, 1), Types.STRING).stateBackend(backend);
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void eachRecordIsProcessedUnderItsKeyAndTimersFireWithTheirKey(StateBackendKind backend) throws Exception {
    try (KeyedOneInputHarness<String, String, String> h = builder(backend).build()) {
      h.processElement("a1", 1);
      h.processElement("b1", 2);
      h.processElement("a2", 3);
      assertThat(h.state("a", TestOperators.CountPerKey.COUNT).value()).isEqualTo(2);
      assertThat(h.state("b", TestOperators.CountPerKey.COUNT).value()).isEqualTo(1);
      h.processWatermark(12);
      assertThat(h.output()).containsExactly(StreamRecord.of("event a=2", 11), StreamRecord.of("event b=1", 12),
          Watermark.of(12));
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void processingTimeTimersFireWhenTheTestMovesTheClock(StateBackendKind backend) throws Exception {
    try (KeyedOneInputHarness<String, String, String> h = builder(backend).processingTime(10).build()) {
      h.processElement("a1", 0);
      h.setProcessingTime(12);
      h.processElement("b1", 0);
      h.setProcessingTime(14);
      assertThat(h.outputValues()).isEmpty();
      assertThat(h.processingTimeService().pending()).isEqualTo(1);
      h.setProcessingTime(17);
      assertThat(h.output()).containsExactly(StreamRecord.of("processing a=1", 15),
          StreamRecord.of("processing b=1", 17));
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void stateAndTimersComeBackAfterRestore(StateBackendKind backend) throws Exception {
    HarnessSnapshot snapshot;
    try (KeyedOneInputHarness<String, String, String> h = builder(backend).build()) {
      h.processElement("a1", 1);
      h.processElement("a2", 2);
      snapshot = h.snapshot();
    }
    assertThat(snapshot.keyedStateSize()).isPositive();
    try (KeyedOneInputHarness<String, String, String> h = builder(backend).restoreFrom(snapshot).build()) {
      h.processElement("a3", 3);
      h.processWatermark(100);
      h.setProcessingTime(5);
      assertThat(h.output()).containsExactly(StreamRecord.of("event a=3", 11), StreamRecord.of("event a=3", 12),
          StreamRecord.of("event a=3", 13), Watermark.of(100), StreamRecord.of("processing a=3", 5));
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void adversarialModeAgreesForAKeyedOperator(StateBackendKind backend) throws Exception {
    RecordedOutput out = Adversity.assertSameOutputIgnoringTieOrder(builder(backend), h -> {
      h.processElement("a1", 1);
      h.processElement("b1", 1);
      h.setProcessingTime(3);
      h.processElement("a2", 5);
      h.processWatermark(11);
      h.setProcessingTime(10);
      h.processWatermark(20);
    });
    // the processing-time timers at 5 are due only once the clock moves past 3
    assertThat(out.events()).containsExactly(StreamRecord.of("event a=2", 11), StreamRecord.of("event b=1", 11),
        Watermark.of(11), StreamRecord.of("processing a=2", 5), StreamRecord.of("processing b=1", 5),
        StreamRecord.of("processing a=2", 8), StreamRecord.of("event a=2", 15), Watermark.of(20));
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void aSubtaskOwnsOnlyItsKeyGroups(StateBackendKind backend) throws Exception {
    try (KeyedOneInputHarness<String, String, String> h = builder(backend).maxParallelism(8).subtask(1, 2).build()) {
      assertThat(h.backend().keyGroupRange()).isEqualTo(new io.rivulet.runtime.state.KeyGroupRange(4, 7));
    }
  }
}
