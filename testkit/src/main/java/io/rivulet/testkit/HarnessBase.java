package io.rivulet.testkit;

import io.rivulet.api.functions.OutputTag;
import io.rivulet.runtime.operators.OperatorMetrics;
import io.rivulet.runtime.operators.StreamOperator;
import io.rivulet.runtime.timers.ManualProcessingTimeService;
import java.util.ArrayList;
import java.util.List;

/**
 * What every harness offers besides its typed input: processing time set by hand, the recorded output,
 * snapshots, and the end of input. See {@link OneInputHarness}, {@link KeyedOneInputHarness} and
 * {@link TwoInputHarness}.
 */
public abstract sealed class HarnessBase<OUT> implements AutoCloseable
    permits OneInputHarness, KeyedOneInputHarness, TwoInputHarness {
  final HarnessDriver<OUT> driver;

  HarnessBase(HarnessSettings settings) throws Exception {
    this.driver = new HarnessDriver<>(settings, this::replayWatermarks);
  }

  /** Re-sends the last watermark(s) to a freshly restored operator instance (adversarial mode). */
  abstract void replayWatermarks() throws Exception;

  /** Moves processing time forward and runs every processing-time callback due by then, in time order. */
  public void setProcessingTime(long time) throws Exception {
    driver.deliver(() -> driver.setProcessingTime(time));
    driver.endBatch();
  }

  public long processingTime() {
    return driver.clock().currentProcessingTime();
  }

  /** The processing-time service of the current operator instance (pending callbacks, time). */
  public ManualProcessingTimeService processingTimeService() {
    return driver.clock();
  }

  /** End of input: calls the operator's {@code finish}. No input may follow. */
  public void finish() throws Exception {
    driver.finish();
  }

  /** Snapshots the operator as a checkpoint would; restore with the builder's {@code restoreFrom}. */
  public HarnessSnapshot snapshot() throws Exception {
    return driver.snapshot();
  }

  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    driver.notifyCheckpointComplete(checkpointId);
  }

  /** The main output in order: {@link StreamRecord}s, {@link Watermark}s and {@link IdleMarker}s. */
  public List<Object> output() {
    return List.copyOf(driver.output().events());
  }

  /** The records of the main output, without watermarks and idle markers. */
  @SuppressWarnings("unchecked")
  public List<StreamRecord<OUT>> outputRecords() {
    List<StreamRecord<OUT>> records = new ArrayList<>();
    for (Object e : driver.output().events()) {
      if (e instanceof StreamRecord<?> r) {
        records.add((StreamRecord<OUT>) r);
      }
    }
    return records;
  }

  /** The values of the main output's records, in order. */
  public List<OUT> outputValues() {
    List<OUT> values = new ArrayList<>();
    for (StreamRecord<OUT> r : outputRecords()) {
      values.add(r.value());
    }
    return values;
  }

  /** The records emitted to {@code tag}, in order; empty if none. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <X> List<StreamRecord<X>> sideOutput(OutputTag<X> tag) {
    List<StreamRecord<?>> records = driver.output().sideOutputs().get(tag.id());
    return records == null ? List.of() : (List) List.copyOf(records);
  }

  /** Everything emitted so far, as one comparable value. */
  public RecordedOutput recordedOutput() {
    return driver.recorded();
  }

  /** Forgets the output recorded so far (main and side outputs). */
  public void clearOutput() {
    driver.output().clear();
  }

  /** The operator's metrics; kept across the operator instances of adversarial mode. */
  public OperatorMetrics metrics() {
    return driver.metrics();
  }

  /** The current operator instance (a different one after each batch in adversarial mode). */
  public StreamOperator<OUT> operator() {
    return driver.operator();
  }

  /** How many times adversarial mode restored a fresh operator instance (0 in normal mode). */
  public long restoreCount() {
    return driver.restoreCount();
  }

  /** How many input items adversarial mode held back because the output reported itself unavailable. */
  public long heldBackCount() {
    return driver.heldBackCount();
  }

  @Override
  public void close() throws Exception {
    driver.close();
  }
}
