package io.rivulet.testkit;

import java.util.List;
import java.util.Map;

/**
 * Everything an operator emitted under a harness: the main output in order ({@link StreamRecord},
 * {@link Watermark}, {@link IdleMarker}), each side output's records in order (by tag id), and the count of
 * late records it dropped. Two runs of a correct operator over the same input give equal values.
 */
public record RecordedOutput(List<Object> events, Map<String, List<StreamRecord<?>>> sideOutputs,
    long lateRecordsDropped) {
  public RecordedOutput {
    events = List.copyOf(events);
    sideOutputs = Map.copyOf(sideOutputs);
  }
}
