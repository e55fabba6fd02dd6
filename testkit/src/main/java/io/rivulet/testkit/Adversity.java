package io.rivulet.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Runs a test scenario twice, once in normal mode and once in adversarial mode (snapshot + restore into a
 * fresh operator after every input batch, output unavailable every other call, due processing-time
 * callbacks between records, watermarks repeated; see {@link HarnessBuilder#adversarial}), and checks that
 * the operator produced the same output. Bugs that only show under restarts or back pressure (state kept in
 * fields, timers not checkpointed, non-idempotent watermark handling) then fail ordinary unit tests.
 *
 * <pre>{@code
 * RecordedOutput out = Adversity.assertSameOutput(builder, h -> {
 *   h.processElement(event, 10);
 *   h.processWatermark(100);
 * });
 * assertThat(out.events()).containsExactly(...);
 * }</pre>
 */
public final class Adversity {
  private Adversity() {}

  /** Drives a harness. */
  @FunctionalInterface
  public interface Scenario<H> {
    void run(H harness) throws Exception;
  }

  /**
   * @return the output of the normal run, for further assertions
   * @throws AssertionError naming the first difference if the two runs differ, or if the adversarial run
   *     never restored although the scenario fed input
   */
  public static <H extends HarnessBase<?>> RecordedOutput assertSameOutput(HarnessBuilder<H> builder,
      Scenario<? super H> scenario) throws Exception {
    return compare(builder, scenario, false);
  }

  /**
   * Like {@link #assertSameOutput}, but records of equal timestamp that are emitted one after the other
   * (no watermark between them) may come in a different order. Timers of different keys with the same time
   * have no defined order across a restore, so a window firing for many keys at once needs this.
   */
  public static <H extends HarnessBase<?>> RecordedOutput assertSameOutputIgnoringTieOrder(
      HarnessBuilder<H> builder, Scenario<? super H> scenario) throws Exception {
    return compare(builder, scenario, true);
  }

  private static <H extends HarnessBase<?>> RecordedOutput compare(HarnessBuilder<H> builder,
      Scenario<? super H> scenario, boolean ignoreTieOrder) throws Exception {
    RecordedOutput normal;
    try (H h = builder.adversarial(false).build()) {
      scenario.run(h);
      normal = h.recordedOutput();
    }
    RecordedOutput adversarial;
    try (H h = builder.adversarial(true).build()) {
      scenario.run(h);
      adversarial = h.recordedOutput();
      if (h.restoreCount() == 0 && h.heldBackCount() > 0) {
        throw new AssertionError("adversarial mode fed input but never restored the operator");
      }
    } finally {
      builder.adversarial(false);
    }
    if (ignoreTieOrder ? !TieOrder.normalize(normal).equals(TieOrder.normalize(adversarial))
        : !normal.equals(adversarial)) {
      throw new AssertionError("the operator's output differs under adversarial conditions (snapshot/restore"
          + " after every batch, unavailable output, repeated watermarks):\n" + describe(normal, adversarial));
    }
    return normal;
  }

  static String describe(RecordedOutput normal, RecordedOutput adversarial) {
    StringBuilder sb = new StringBuilder();
    diff(sb, "main output", normal.events(), adversarial.events());
    TreeSet<String> tags = new TreeSet<>(normal.sideOutputs().keySet());
    tags.addAll(adversarial.sideOutputs().keySet());
    for (String tag : tags) {
      diff(sb, "side output '" + tag + "'", list(normal.sideOutputs(), tag), list(adversarial.sideOutputs(), tag));
    }
    if (normal.lateRecordsDropped() != adversarial.lateRecordsDropped()) {
      sb.append("late records dropped: normal ").append(normal.lateRecordsDropped()).append(", adversarial ")
          .append(adversarial.lateRecordsDropped()).append('\n');
    }
    return sb.toString();
  }

  private static List<?> list(Map<String, List<StreamRecord<?>>> sideOutputs, String tag) {
    return sideOutputs.getOrDefault(tag, List.of());
  }

  private static void diff(StringBuilder sb, String what, List<?> normal, List<?> adversarial) {
    if (normal.equals(adversarial)) {
      return;
    }
    int i = 0;
    while (i < normal.size() && i < adversarial.size() && normal.get(i).equals(adversarial.get(i))) {
      i++;
    }
    sb.append(what).append(" differs at index ").append(i).append(":\n  normal:      ")
        .append(new ArrayList<>(normal)).append("\n  adversarial: ").append(new ArrayList<>(adversarial))
        .append('\n');
  }
}
