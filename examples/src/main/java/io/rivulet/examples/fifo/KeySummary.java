package io.rivulet.examples.fifo;

import io.rivulet.api.serialization.GenerateSerializer;

/**
 * What the FIFO checker saw for one key: how many records, how many of them broke the per-key order
 * (a sequence number other than last + 1), and the last sequence number.
 */
@GenerateSerializer
public record KeySummary(int key, long records, long violations, long lastSeq) {
  public KeySummary next(long seq) {
    return new KeySummary(key, records + 1, seq == lastSeq + 1 ? violations : violations + 1, seq);
  }
}
