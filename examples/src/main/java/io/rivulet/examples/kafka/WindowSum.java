package io.rivulet.examples.kafka;

import io.rivulet.api.serialization.GenerateSerializer;

/** The count and the sum of one key's values in the event-time window [start, end). */
@GenerateSerializer
public record WindowSum(long key, long start, long end, long count, long sum) {

  /** The text written to Kafka: {@code key,start,end,count,sum}. */
  public String toCsv() {
    return key + "," + start + "," + end + "," + count + "," + sum;
  }

  /** Reads {@link #toCsv()}'s text back. */
  public static WindowSum parseCsv(String line) {
    String[] f = line.split(",");
    if (f.length != 5) {
      throw new IllegalArgumentException("not a window sum: '" + line + "'");
    }
    return new WindowSum(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
  }
}
