package io.rivulet.testkit;

/** A watermark an operator emitted, in the harness's output sequence. */
public record Watermark(long timestamp) {
  public static Watermark of(long timestamp) {
    return new Watermark(timestamp);
  }

  @Override
  public String toString() {
    return "W(" + (timestamp == Long.MAX_VALUE ? "MAX" : timestamp) + ")";
  }
}
