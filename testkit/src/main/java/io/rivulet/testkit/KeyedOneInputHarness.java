package io.rivulet.testkit;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.State;
import io.rivulet.api.state.StateDescriptor;
import io.rivulet.runtime.operators.OneInputOperator;
import io.rivulet.runtime.operators.OperatorFactory;
import io.rivulet.runtime.operators.Output;
import io.rivulet.runtime.state.InternalKvState;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.state.StateBackendFactory;
import io.rivulet.runtime.state.VoidNamespace;
import java.util.List;

/**
 * Drives one keyed one-input operator the way a task after a {@code keyBy} does: a keyed state backend (heap
 * or RocksDB) owns the full key-group range by default, and the key of each record is set as the
 * backend's current key before the operator sees the record. Timers are the backend's: event-time timers
 * fire on watermarks, processing-time timers when {@link #setProcessingTime} reaches them.
 *
 * <pre>{@code
 * var h = KeyedOneInputHarness.<String, Event, Long>builder(() -> new WindowOperator<>(spec), Event::user, Types.STRING)
 *     .stateBackend(StateBackendKind.ROCKSDB)
 *     .build();
 * }</pre>
 */
public final class KeyedOneInputHarness<K, IN, OUT> extends HarnessBase<OUT> {
  private final KeySelector<IN, K> keySelector;
  private long lastWatermark = Long.MIN_VALUE;

  private KeyedOneInputHarness(HarnessSettings settings, KeySelector<IN, K> keySelector) throws Exception {
    super(settings);
    this.keySelector = keySelector;
    OperatorChecks.requireOneInput(driver);
  }

  public static <K, IN, OUT> Builder<K, IN, OUT> builder(OperatorFactory<OUT> operator,
      KeySelector<IN, K> keySelector, TypeSerializer<K> keyType) {
    return new Builder<>(operator, keySelector, keyType);
  }

  @SuppressWarnings("unchecked")
  private OneInputOperator<IN, OUT> op() {
    return (OneInputOperator<IN, OUT>) driver.operator();
  }

  private void keyedElement(IN value, long timestamp) throws Exception {
    driver.backend().setCurrentKey(keySelector.getKey(value));
    op().processElement(value, timestamp);
  }

  public void processElement(IN value, long timestamp) throws Exception {
    driver.deliver(() -> keyedElement(value, timestamp));
    driver.endBatch();
  }

  public void processElement(IN value) throws Exception {
    processElement(value, Output.NO_TIMESTAMP);
  }

  /** One input batch: in adversarial mode, snapshot + restore happen after the batch, not between its records. */
  public void processElements(List<StreamRecord<IN>> batch) throws Exception {
    for (StreamRecord<IN> r : batch) {
      driver.deliver(() -> keyedElement(r.value(), r.timestamp()));
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

  /** The keyed state backend of the current operator instance. */
  @SuppressWarnings("unchecked")
  public KeyedStateBackend<K> backend() {
    return (KeyedStateBackend<K>) driver.backend();
  }

  /** Plain keyed state of {@code key}, to inspect what the operator stored. Sets the backend's current key. */
  public <S extends State> S state(K key, StateDescriptor<S, ?> descriptor) {
    return state(key, descriptor, VoidNamespace.Serializer.INSTANCE, VoidNamespace.INSTANCE);
  }

  /** Keyed state of {@code key} in {@code namespace} (e.g. a window). Sets the backend's current key. */
  @SuppressWarnings("unchecked")
  public <N, S extends State> S state(K key, StateDescriptor<S, ?> descriptor, TypeSerializer<N> namespaceSerializer,
      N namespace) {
    KeyedStateBackend<K> b = backend();
    b.setCurrentKey(key);
    S state = b.getOrCreateState(descriptor, namespaceSerializer);
    ((InternalKvState<N>) state).setCurrentNamespace(namespace);
    return state;
  }

  /** Settings of a {@link KeyedOneInputHarness}; {@link #build} may be called more than once. */
  public static final class Builder<K, IN, OUT> implements HarnessBuilder<KeyedOneInputHarness<K, IN, OUT>> {
    private final HarnessSettings settings = new HarnessSettings();
    private final KeySelector<IN, K> keySelector;

    private Builder(OperatorFactory<OUT> operator, KeySelector<IN, K> keySelector, TypeSerializer<K> keyType) {
      if (keySelector == null || keyType == null) {
        throw new IllegalArgumentException("a keyed harness needs a key selector and the key's serializer");
      }
      settings.operatorFactory = operator;
      settings.keyType = keyType;
      this.keySelector = keySelector;
    }

    /** Heap (default) or RocksDB. */
    public Builder<K, IN, OUT> stateBackend(StateBackendKind kind) {
      settings.stateBackend = kind;
      settings.stateBackendFactory = null;
      return this;
    }

    /** A backend factory of your own (e.g. a wrapper that fails on purpose). */
    public Builder<K, IN, OUT> stateBackend(StateBackendFactory factory) {
      settings.stateBackendFactory = factory;
      return this;
    }

    /** The number of key groups (default 128). */
    public Builder<K, IN, OUT> maxParallelism(int maxParallelism) {
      settings.maxParallelism = maxParallelism;
      return this;
    }

    /** Owns only the key groups of this subtask (default: subtask 0 of 1, all key groups). */
    public Builder<K, IN, OUT> subtask(int index, int parallelism) {
      settings.subtask(index, parallelism);
      return this;
    }

    public Builder<K, IN, OUT> processingTime(long time) {
      settings.processingTime = time;
      return this;
    }

    /** Starts from a snapshot taken by another harness of the same operator (any backend kind). */
    public Builder<K, IN, OUT> restoreFrom(HarnessSnapshot snapshot) {
      settings.restoreFrom = snapshot;
      return this;
    }

    public Builder<K, IN, OUT> operatorName(String name) {
      settings.operatorName = name;
      return this;
    }

    @Override
    public Builder<K, IN, OUT> adversarial(boolean adversarial) {
      settings.adversarial = adversarial;
      return this;
    }

    @Override
    public KeyedOneInputHarness<K, IN, OUT> build() throws Exception {
      return new KeyedOneInputHarness<>(settings.copy(), keySelector);
    }
  }
}
