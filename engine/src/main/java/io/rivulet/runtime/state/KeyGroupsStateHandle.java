package io.rivulet.runtime.state;

import java.io.Serializable;

/**
 * Keyed state of one subtask's snapshot: the bytes, the key groups they cover, and where each key group
 * starts ({@code offsets[kg - range.start()]}, relative to the start of the stream), so that a subtask
 * restoring a different range reads only its own key groups.
 */
public record KeyGroupsStateHandle(StreamStateHandle data, KeyGroupRange range, long[] offsets)
    implements Serializable {

  public long offsetOf(int keyGroup) {
    return offsets[keyGroup - range.start()];
  }
}
