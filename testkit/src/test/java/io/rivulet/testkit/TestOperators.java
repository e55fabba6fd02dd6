package io.rivulet.testkit;

import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;
import io.rivulet.runtime.operators.AbstractOperator;
import io.rivulet.runtime.operators.OneInputOperator;
import io.rivulet.runtime.operators.TwoInputOperator;
import io.rivulet.runtime.state.InternalKvState;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.state.VoidNamespace;
import io.rivulet.runtime.timers.InternalTimer;
import io.rivulet.runtime.timers.InternalTimerService;
import io.rivulet.runtime.timers.Triggerable;
import java.nio.ByteBuffer;
import java.util.Map;

/** Small operators to exercise the harnesses with; some are wrong on purpose. */
final class TestOperators {
  private TestOperators() {}

  /** Emits "value#n" where n counts records; the count is operator state when {@code checkpointed}. */
  static final class Numbering extends AbstractOperator<String> implements OneInputOperator<String, String> {
    private final boolean checkpointed;
    private long count;

    Numbering(boolean checkpointed) {
      this.checkpointed = checkpointed;
    }

    @Override
    public void initializeState() {
      Map<String, byte[]> restored = context.restoredOperatorState();
      if (checkpointed && restored != null && restored.containsKey("count")) {
        count = ByteBuffer.wrap(restored.get("count")).getLong();
      }
    }

    @Override
    public void processElement(String value, long timestamp) {
      count++;
      output.collect(value + "#" + count, timestamp);
    }

    @Override
    protected Map<String, byte[]> snapshotOperatorState(long checkpointId) {
      return checkpointed ? Map.of("count", ByteBuffer.allocate(8).putLong(count).array()) : Map.of();
    }
  }

  /** Emits a record for every watermark call it gets, repeats included: wrong, watermarks must be idempotent. */
  static final class EchoesEveryWatermark extends AbstractOperator<String> implements OneInputOperator<String, String> {
    @Override
    public void processElement(String value, long timestamp) {
      output.collect(value, timestamp);
    }

    @Override
    public void processWatermark(long watermark) throws Exception {
      output.collect("saw " + watermark, watermark);
      super.processWatermark(watermark);
    }
  }

  /** Emits a watermark lower than one it emitted before. */
  static final class WatermarkGoesBack extends AbstractOperator<String> implements OneInputOperator<String, String> {
    @Override
    public void processElement(String value, long timestamp) {
      output.emitWatermark(timestamp);
    }
  }

  /**
   * Keyed: counts records per key (the first letter) in value state; every record sets an event-time timer at
   * timestamp + 10 and a processing-time timer at now + 5; timers emit "key=count".
   */
  static final class CountPerKey extends AbstractOperator<String>
      implements OneInputOperator<String, String>, Triggerable<String, VoidNamespace> {
    static final ValueStateDescriptor<Long> COUNT = new ValueStateDescriptor<>("count", Types.LONG);
    private ValueState<Long> count;
    private InternalTimerService<VoidNamespace> timers;

    @Override
    @SuppressWarnings("unchecked")
    public void initializeState() {
      KeyedStateBackend<String> backend = keyedBackend();
      count = backend.getOrCreateState(COUNT, VoidNamespace.Serializer.INSTANCE);
      ((InternalKvState<VoidNamespace>) count).setCurrentNamespace(VoidNamespace.INSTANCE);
      timers = backend.timerService("timers", VoidNamespace.Serializer.INSTANCE, this);
    }

    @Override
    public void processElement(String value, long timestamp) {
      Long c = count.value();
      count.update(c == null ? 1 : c + 1);
      timers.registerEventTimeTimer(VoidNamespace.INSTANCE, timestamp + 10);
      timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, timers.currentProcessingTime() + 5);
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) {
      output.collect("event " + timer.key() + "=" + count.value(), timer.timestamp());
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
      output.collect("processing " + timer.key() + "=" + count.value(), timer.timestamp());
    }
  }

  /** Two inputs: forwards both, tagged, and combines the watermarks (AbstractOperator does that). */
  static final class Merge extends AbstractOperator<String> implements TwoInputOperator<String, Long, String> {
    @Override
    public void processElement1(String value, long timestamp) {
      output.collect("1:" + value, timestamp);
    }

    @Override
    public void processElement2(Long value, long timestamp) {
      output.collect("2:" + value, timestamp);
    }
  }
}
