package io.rivulet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OneInputHarnessTest {

  @Test
  void recordsWatermarksAndIdleMarkersComeOutInOrder() throws Exception {
    try (OneInputHarness<String, String> h =
        OneInputHarness.<String, String>builder(() -> new TestOperators.Numbering(true)).build()) {
      h.processElement("a", 5);
      h.processWatermark(5);
      h.processElement("b");
      h.processIdle(true);
      h.processElements(List.of(StreamRecord.of("c", 7), StreamRecord.of("d", 8)));
      assertThat(h.output()).containsExactly(StreamRecord.of("a#1", 5), Watermark.of(5),
          StreamRecord.withoutTimestamp("b#2"), new IdleMarker(true), StreamRecord.of("c#3", 7),
          StreamRecord.of("d#4", 8));
      assertThat(h.outputValues()).containsExactly("a#1", "b#2", "c#3", "d#4");
      h.clearOutput();
      assertThat(h.output()).isEmpty();
    }
  }

  @Test
  void operatorStateIsRestoredIntoAFreshHarness() throws Exception {
    HarnessSnapshot snapshot;
    try (OneInputHarness<String, String> h =
        OneInputHarness.<String, String>builder(() -> new TestOperators.Numbering(true)).build()) {
      h.processElement("a", 1);
      h.processElement("b", 2);
      snapshot = h.snapshot();
      h.processElement("lost", 3);
    }
    assertThat(snapshot.keyedStateSize()).isZero();
    try (OneInputHarness<String, String> h = OneInputHarness.<String, String>builder(
        () -> new TestOperators.Numbering(true)).restoreFrom(snapshot).build()) {
      h.processElement("c", 3);
      assertThat(h.output()).containsExactly(StreamRecord.of("c#3", 3));
    }
  }

  @Test
  void adversarialModeAgreesForACorrectOperator() throws Exception {
    var builder = OneInputHarness.<String, String>builder(() -> new TestOperators.Numbering(true));
    RecordedOutput out = Adversity.assertSameOutput(builder, h -> {
      h.processElement("a", 1);
      h.processWatermark(1);
      h.processElements(List.of(StreamRecord.of("b", 2), StreamRecord.of("c", 3)));
      h.processWatermark(3);
    });
    assertThat(out.events()).containsExactly(StreamRecord.of("a#1", 1), Watermark.of(1), StreamRecord.of("b#2", 2),
        StreamRecord.of("c#3", 3), Watermark.of(3));
  }

  @Test
  void adversarialModeRestoresAfterEveryBatchAndHoldsInputBack() throws Exception {
    try (OneInputHarness<String, String> h = OneInputHarness.<String, String>builder(
        () -> new TestOperators.Numbering(true)).adversarial(true).build()) {
      var first = h.operator();
      h.processElement("a", 1);
      assertThat(h.operator()).isNotSameAs(first);
      h.processElements(List.of(StreamRecord.of("b", 2), StreamRecord.of("c", 3)));
      assertThat(h.restoreCount()).isEqualTo(2);
      assertThat(h.heldBackCount()).isEqualTo(3);
      assertThat(h.outputValues()).containsExactly("a#1", "b#2", "c#3");
    }
  }

  @Test
  void adversarialModeCatchesStateThatIsNotCheckpointed() {
    var builder = OneInputHarness.<String, String>builder(() -> new TestOperators.Numbering(false));
    assertThatThrownBy(() -> Adversity.assertSameOutput(builder, h -> {
      h.processElement("a", 1);
      h.processElement("b", 2);
    })).isInstanceOf(AssertionError.class).hasMessageContaining("main output differs at index 1")
        .hasMessageContaining("b#2").hasMessageContaining("b#1");
  }

  @Test
  void adversarialModeCatchesOperatorsThatAreNotIdempotentOnWatermarks() {
    var builder = OneInputHarness.<String, String>builder(TestOperators.EchoesEveryWatermark::new);
    assertThatThrownBy(() -> Adversity.assertSameOutput(builder, h -> h.processWatermark(4)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("saw 4");
  }

  @Test
  void aWatermarkGoingBackwardsFailsTheTest() throws Exception {
    try (OneInputHarness<String, String> h =
        OneInputHarness.<String, String>builder(TestOperators.WatermarkGoesBack::new).build()) {
      h.processElement("x", 10);
      assertThatThrownBy(() -> h.processElement("y", 9)).isInstanceOf(AssertionError.class)
          .hasMessageContaining("backwards");
    }
  }

  @Test
  void aTwoInputOperatorIsRefused() {
    assertThatThrownBy(() -> OneInputHarness.<String, String>builder(TestOperators.Merge::new).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a OneInputOperator");
  }

  @Test
  void processingTimeCannotGoBack() throws Exception {
    try (OneInputHarness<String, String> h = OneInputHarness.<String, String>builder(
        () -> new TestOperators.Numbering(true)).processingTime(100).build()) {
      assertThat(h.processingTime()).isEqualTo(100);
      assertThatThrownBy(() -> h.setProcessingTime(99)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
