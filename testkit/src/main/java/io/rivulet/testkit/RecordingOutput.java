package io.rivulet.testkit;

import io.rivulet.api.functions.OutputTag;
import io.rivulet.runtime.operators.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Output} a harness gives its operator: records every emission in order. It outlives operator
 * instances (adversarial mode swaps them), so the output of a run is one sequence.
 */
final class RecordingOutput<OUT> implements Output<OUT> {
  private final List<Object> events = new ArrayList<>();
  private final Map<String, List<StreamRecord<?>>> sideOutputs = new LinkedHashMap<>();
  private long lastWatermark = Long.MIN_VALUE;
  /** While a restored operator is re-sent the watermark it had seen, its repeats are not new output. */
  private boolean replaying;

  @Override
  public void collect(OUT record, long timestamp) {
    events.add(new StreamRecord<>(record, timestamp));
  }

  @Override
  public <X> void collect(OutputTag<X> tag, X record, long timestamp) {
    sideOutputs.computeIfAbsent(tag.id(), id -> new ArrayList<>()).add(new StreamRecord<>(record, timestamp));
  }

  @Override
  public void emitWatermark(long watermark) {
    if (replaying && watermark <= lastWatermark) {
      return;
    }
    if (watermark < lastWatermark) {
      throw new AssertionError("operator emitted watermark " + watermark + " after " + lastWatermark
          + ": watermarks must not go backwards");
    }
    lastWatermark = watermark;
    events.add(new Watermark(watermark));
  }

  @Override
  public void emitIdle(boolean idle) {
    events.add(new IdleMarker(idle));
  }

  void setReplaying(boolean replaying) {
    this.replaying = replaying;
  }

  List<Object> events() {
    return events;
  }

  Map<String, List<StreamRecord<?>>> sideOutputs() {
    return sideOutputs;
  }

  void clear() {
    events.clear();
    sideOutputs.clear();
  }
}
