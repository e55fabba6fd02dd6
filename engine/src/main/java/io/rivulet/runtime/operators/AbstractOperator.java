package io.rivulet.runtime.operators;

import io.rivulet.runtime.state.KeyedStateBackend;
import java.util.Map;

/**
 * Common operator plumbing: keeps context and output, advances timers and forwards watermarks, combines
 * the watermarks of two inputs (minimum over the inputs that are not idle), and snapshots keyed state.
 * Subclasses add their processing and, when they hold non-keyed state, override
 * {@link #snapshotOperatorState} and read {@code context.restoredOperatorState()} in {@link #initializeState}.
 */
public abstract class AbstractOperator<OUT> implements StreamOperator<OUT> {
  protected OperatorContext context;
  protected Output<OUT> output;
  /** The combined watermark this operator has processed; owned by the task thread. */
  protected long currentWatermark = Long.MIN_VALUE;

  // two-input watermark combination; owned by the task thread
  private final long[] inputWatermarks = {Long.MIN_VALUE, Long.MIN_VALUE};
  private final boolean[] inputIdle = {false, false};

  @Override
  public void setup(OperatorContext context, Output<OUT> output) {
    this.context = context;
    this.output = output;
  }

  @Override
  public void initializeState() throws Exception {}

  @Override
  public void open() throws Exception {}

  @Override
  public void processWatermark(long watermark) throws Exception {
    if (watermark <= currentWatermark) {
      return;
    }
    currentWatermark = watermark;
    KeyedStateBackend<?> keyed = context.keyedStateBackend();
    if (keyed != null) {
      keyed.advanceWatermark(watermark);
    }
    context.metrics().setCurrentWatermark(watermark);
    output.emitWatermark(watermark);
  }

  @Override
  public void processIdle(boolean idle) throws Exception {
    output.emitIdle(idle);
  }

  /** Watermark of the first input of a two-input operator. */
  public void processWatermark1(long watermark) throws Exception {
    inputWatermarks[0] = watermark;
    inputIdle[0] = false;
    combineWatermarks();
  }

  /** Watermark of the second input of a two-input operator. */
  public void processWatermark2(long watermark) throws Exception {
    inputWatermarks[1] = watermark;
    inputIdle[1] = false;
    combineWatermarks();
  }

  /** One input of a two-input operator became idle (or active); idle inputs do not hold the watermark back. */
  public void processInputIdle(int input, boolean idle) throws Exception {
    inputIdle[input] = idle;
    if (inputIdle[0] && inputIdle[1]) {
      processIdle(true);
    } else {
      combineWatermarks();
    }
  }

  private void combineWatermarks() throws Exception {
    long min = Long.MAX_VALUE;
    boolean any = false;
    for (int i = 0; i < 2; i++) {
      if (!inputIdle[i]) {
        min = Math.min(min, inputWatermarks[i]);
        any = true;
      }
    }
    if (any && min > currentWatermark) {
      processWatermark(min);
    }
  }

  @Override
  public void finish() throws Exception {}

  @Override
  public void close() throws Exception {}

  @Override
  public OperatorSnapshot snapshotState(long checkpointId) throws Exception {
    KeyedStateBackend<?> keyed = context.keyedStateBackend();
    return new OperatorSnapshot(snapshotOperatorState(checkpointId), keyed == null ? null : keyed.snapshot(checkpointId));
  }

  /** Non-keyed state to checkpoint, serialized now (synchronously). */
  protected Map<String, byte[]> snapshotOperatorState(long checkpointId) throws Exception {
    return Map.of();
  }

  /** The keyed backend, typed for the caller. */
  @SuppressWarnings("unchecked")
  protected <K> KeyedStateBackend<K> keyedBackend() {
    KeyedStateBackend<?> b = context.keyedStateBackend();
    if (b == null) {
      throw new IllegalStateException("operator '" + context.operatorName() + "' is not keyed: keyed state and"
          + " timers need a keyBy(...) before it");
    }
    return (KeyedStateBackend<K>) b;
  }
}
