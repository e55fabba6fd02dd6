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

  /**
   * Reads a summary from its JSON form, as the {@code kafka-sink} built-in writes it
   * ({@code {"key":3,"records":10000,"violations":0,"lastSeq":9999}}).
   *
   * @throws IllegalArgumentException naming the problem when {@code json} is not such an object
   */
  public static KeySummary fromJson(CharSequence json) {
    return RecordType.KEY_SUMMARY.fromJson(json);
  }

  /** The compact JSON form, {@code {"key":3,"records":10000,"violations":0,"lastSeq":9999}}. */
  public String toJson() {
    return RecordType.KEY_SUMMARY.toJson(this);
  }
}
