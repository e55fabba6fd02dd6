package io.rivulet.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TwoInputHarnessTest {

  @Test
  void theOutputWatermarkIsTheMinimumOfBothInputs() throws Exception {
    try (TwoInputHarness<String, Long, String> h =
        TwoInputHarness.<String, Long, String>builder(TestOperators.Merge::new).build()) {
      h.processElement1("x", 1);
      h.processWatermark1(10);
      h.processElement2(7L, 2);
      h.processWatermark2(5);
      h.processWatermark2(20);
      assertThat(h.output()).containsExactly(StreamRecord.of("1:x", 1), StreamRecord.of("2:7", 2), Watermark.of(5),
          Watermark.of(10));
    }
  }

  @Test
  void adversarialModeReplaysBothInputsWatermarks() throws Exception {
    var builder = TwoInputHarness.<String, Long, String>builder(TestOperators.Merge::new);
    RecordedOutput out = Adversity.assertSameOutput(builder, h -> {
      h.processWatermark1(10);
      h.processWatermark2(4);
      h.processElement1("x", 11);
      h.processWatermark2(12);
    });
    assertThat(out.events()).containsExactly(Watermark.of(4), StreamRecord.of("1:x", 11), Watermark.of(10));
  }
}
