package io.rivulet.builtins.records;

/**
 * What the FIFO check saw for one key: records, how many broke the per-key order (a sequence number other
 * than last + 1), and the last sequence number.
 */
public record KeySummary(long key, long records, long violations, long lastSeq) {
  public static KeySummary first(long key) {
    return new KeySummary(key, 0, 0, -1);
  }

  public KeySummary next(long seq) {
    return new KeySummary(key, records + 1, seq == lastSeq + 1 ? violations : violations + 1, seq);
  }
}
