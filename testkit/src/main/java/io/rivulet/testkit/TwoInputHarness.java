package io.rivulet.testkit;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.runtime.operators.OperatorFactory;
import io.rivulet.runtime.operators.TwoInputOperator;
import io.rivulet.runtime.state.KeyedStateBackend;

/**
 * Drives one two-input operator (connect / co-process / joins). Keyed when built with {@link Builder#keyed}:
 * each input then has its own key selector, both giving keys of the same type.
 */
public final class TwoInputHarness<IN1, IN2, OUT> extends HarnessBase<OUT> {
  private final KeySelector<IN1, ?> keySelector1;
  private final KeySelector<IN2, ?> keySelector2;
  private long lastWatermark1 = Long.MIN_VALUE;
  private long lastWatermark2 = Long.MIN_VALUE;

  private TwoInputHarness(HarnessSettings settings, KeySelector<IN1, ?> keySelector1,
      KeySelector<IN2, ?> keySelector2) throws Exception {
    super(settings);
    this.keySelector1 = keySelector1;
    this.keySelector2 = keySelector2;
    OperatorChecks.requireTwoInput(driver);
  }

  public static <IN1, IN2, OUT> Builder<IN1, IN2, OUT> builder(OperatorFactory<OUT> operator) {
    return new Builder<>(operator);
  }

  @SuppressWarnings("unchecked")
  private TwoInputOperator<IN1, IN2, OUT> op() {
    return (TwoInputOperator<IN1, IN2, OUT>) driver.operator();
  }

  private <T> void setKey(KeySelector<T, ?> selector, T value) throws Exception {
    if (selector != null) {
      driver.backend().setCurrentKey(selector.getKey(value));
    }
  }

  public void processElement1(IN1 value, long timestamp) throws Exception {
    driver.deliver(() -> {
      setKey(keySelector1, value);
      op().processElement1(value, timestamp);
    });
    driver.endBatch();
  }

  public void processElement2(IN2 value, long timestamp) throws Exception {
    driver.deliver(() -> {
      setKey(keySelector2, value);
      op().processElement2(value, timestamp);
    });
    driver.endBatch();
  }

  public void processWatermark1(long watermark) throws Exception {
    lastWatermark1 = Math.max(lastWatermark1, watermark);
    driver.deliver(() -> op().processWatermark1(watermark));
    if (driver.repeatWatermarks()) {
      driver.deliver(() -> op().processWatermark1(watermark));
    }
    driver.endBatch();
  }

  public void processWatermark2(long watermark) throws Exception {
    lastWatermark2 = Math.max(lastWatermark2, watermark);
    driver.deliver(() -> op().processWatermark2(watermark));
    if (driver.repeatWatermarks()) {
      driver.deliver(() -> op().processWatermark2(watermark));
    }
    driver.endBatch();
  }

  /** All inputs became idle (true) or one became active again (false). */
  public void processIdle(boolean idle) throws Exception {
    driver.deliver(() -> op().processIdle(idle));
    driver.endBatch();
  }

  @Override
  void replayWatermarks() throws Exception {
    if (lastWatermark1 != Long.MIN_VALUE) {
      op().processWatermark1(lastWatermark1);
    }
    if (lastWatermark2 != Long.MIN_VALUE) {
      op().processWatermark2(lastWatermark2);
    }
  }

  /** The keyed state backend of the current operator instance (keyed harnesses only). */
  public KeyedStateBackend<?> backend() {
    return driver.backend();
  }

  /** Settings of a {@link TwoInputHarness}; {@link #build} may be called more than once. */
  public static final class Builder<IN1, IN2, OUT> implements HarnessBuilder<TwoInputHarness<IN1, IN2, OUT>> {
    private final HarnessSettings settings = new HarnessSettings();
    private KeySelector<IN1, ?> keySelector1;
    private KeySelector<IN2, ?> keySelector2;

    private Builder(OperatorFactory<OUT> operator) {
      settings.operatorFactory = operator;
    }

    /** Makes the operator keyed: a backend is created and each record's key set before the operator sees it. */
    public <K> Builder<IN1, IN2, OUT> keyed(KeySelector<IN1, K> key1, KeySelector<IN2, K> key2,
        TypeSerializer<K> keyType) {
      if (key1 == null || key2 == null || keyType == null) {
        throw new IllegalArgumentException("a keyed harness needs both key selectors and the key's serializer");
      }
      this.keySelector1 = key1;
      this.keySelector2 = key2;
      settings.keyType = keyType;
      return this;
    }

    public Builder<IN1, IN2, OUT> stateBackend(StateBackendKind kind) {
      settings.stateBackend = kind;
      return this;
    }

    public Builder<IN1, IN2, OUT> maxParallelism(int maxParallelism) {
      settings.maxParallelism = maxParallelism;
      return this;
    }

    public Builder<IN1, IN2, OUT> processingTime(long time) {
      settings.processingTime = time;
      return this;
    }

    public Builder<IN1, IN2, OUT> restoreFrom(HarnessSnapshot snapshot) {
      settings.restoreFrom = snapshot;
      return this;
    }

    @Override
    public Builder<IN1, IN2, OUT> adversarial(boolean adversarial) {
      settings.adversarial = adversarial;
      return this;
    }

    @Override
    public TwoInputHarness<IN1, IN2, OUT> build() throws Exception {
      return new TwoInputHarness<>(settings.copy(), keySelector1, keySelector2);
    }
  }
}
