package io.rivulet.testkit;

import io.rivulet.runtime.operators.OneInputOperator;
import io.rivulet.runtime.operators.OperatorFactory;
import io.rivulet.runtime.operators.Output;
import java.util.List;

/**
 * Drives one non-keyed one-input operator: feed records, watermarks and idle markers, move processing time
 * by hand, assert the exact output, snapshot and restore.
 *
 * <pre>{@code
 * try (var h = OneInputHarness.<String, Integer>builder(() -> new MyOperator()).build()) {
 *   h.processElement("a", 10);
 *   h.processWatermark(10);
 *   assertThat(h.output()).containsExactly(StreamRecord.of(1, 10), Watermark.of(10));
 * }
 * }</pre>
 */
public final class OneInputHarness<IN, OUT> extends HarnessBase<OUT> {
  private long lastWatermark = Long.MIN_VALUE;

  private OneInputHarness(HarnessSettings settings) throws Exception {
    super(settings);
    OperatorChecks.requireOneInput(driver);
  }

  public static <IN, OUT> Builder<IN, OUT> builder(OperatorFactory<OUT> operator) {
    return new Builder<>(operator);
  }

  @SuppressWarnings("unchecked")
  private OneInputOperator<IN, OUT> op() {
    return (OneInputOperator<IN, OUT>) driver.operator();
  }

  public void processElement(IN value, long timestamp) throws Exception {
    driver.deliver(() -> op().processElement(value, timestamp));
    driver.endBatch();
  }

  /** A record without timestamp. */
  public void processElement(IN value) throws Exception {
    processElement(value, Output.NO_TIMESTAMP);
  }

  /** One input batch: in adversarial mode, snapshot + restore happen after the batch, not between its records. */
  public void processElements(List<StreamRecord<IN>> batch) throws Exception {
    for (StreamRecord<IN> r : batch) {
      driver.deliver(() -> op().processElement(r.value(), r.timestamp()));
    }
    driver.endBatch();
  }

  public void processWatermark(long watermark) throws Exception {
    lastWatermark = Math.max(lastWatermark, watermark);
    driver.deliver(() -> op().processWatermark(watermark));
    if (driver.repeatWatermarks()) {
      driver.deliver(() -> op().processWatermark(watermark));
    }
    driver.endBatch();
  }

  public void processIdle(boolean idle) throws Exception {
    driver.deliver(() -> op().processIdle(idle));
    driver.endBatch();
  }

  @Override
  void replayWatermarks() throws Exception {
    if (lastWatermark != Long.MIN_VALUE) {
      op().processWatermark(lastWatermark);
    }
  }

  /** Settings of a {@link OneInputHarness}; {@link #build} may be called more than once. */
  public static final class Builder<IN, OUT> implements HarnessBuilder<OneInputHarness<IN, OUT>> {
    private final HarnessSettings settings = new HarnessSettings();

    private Builder(OperatorFactory<OUT> operator) {
      settings.operatorFactory = operator;
    }

    /** Processing time at the start (default 0). */
    public Builder<IN, OUT> processingTime(long time) {
      settings.processingTime = time;
      return this;
    }

    /** Starts from a snapshot taken by another harness of the same operator. */
    public Builder<IN, OUT> restoreFrom(HarnessSnapshot snapshot) {
      settings.restoreFrom = snapshot;
      return this;
    }

    /** The subtask the operator believes it is (default 0 of 1). */
    public Builder<IN, OUT> subtask(int index, int parallelism) {
      settings.subtask(index, parallelism);
      return this;
    }

    public Builder<IN, OUT> operatorName(String name) {
      settings.operatorName = name;
      return this;
    }

    @Override
    public Builder<IN, OUT> adversarial(boolean adversarial) {
      settings.adversarial = adversarial;
      return this;
    }

    @Override
    public OneInputHarness<IN, OUT> build() throws Exception {
      return new OneInputHarness<>(settings.copy());
    }
  }
}
