package io.rivulet.runtime.state;

import java.io.Serializable;

/** The key groups {@code [start, end]} (inclusive) owned by one subtask; empty when end < start. */
public record KeyGroupRange(int start, int end) implements Serializable {
  public static final KeyGroupRange EMPTY = new KeyGroupRange(0, -1);

  public boolean contains(int keyGroup) {
    return keyGroup >= start && keyGroup <= end;
  }

  public int size() {
    return Math.max(0, end - start + 1);
  }

  public KeyGroupRange intersect(KeyGroupRange other) {
    int s = Math.max(start, other.start);
    int e = Math.min(end, other.end);
    return e < s ? EMPTY : new KeyGroupRange(s, e);
  }

  @Override
  public String toString() {
    return "[" + start + ".." + end + "]";
  }
}
