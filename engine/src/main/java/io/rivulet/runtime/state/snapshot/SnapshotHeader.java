package io.rivulet.runtime.state.snapshot;

import io.rivulet.api.serialization.TypeSerializerSnapshot;
import java.util.List;

/**
 * The metadata at the start of a keyed snapshot; {@code states.get(i)} is the section with index {@code i}
 * in every key group.
 */
public record SnapshotHeader(TypeSerializerSnapshot<?> keySerializer, List<StateMetaInfo> states) {
  public SnapshotHeader {
    states = List.copyOf(states);
  }
}
