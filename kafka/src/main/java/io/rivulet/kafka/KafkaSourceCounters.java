package io.rivulet.kafka;

import io.rivulet.kafka.impl.SourceMetrics;

/**
 * Counters of one {@link KafkaSource}, summed over its subtasks running in this JVM and over all attempts (a
 * record read again after a restore counts again). Updated by task threads, readable from any thread. A
 * cluster keeps one set per task runtime; binding them to the metrics registry is the metrics module's job.
 */
public final class KafkaSourceCounters {
  private final SourceMetrics metrics;

  KafkaSourceCounters(SourceMetrics metrics) {
    this.metrics = metrics;
  }

  /** Forgets the counters of a source (after a test read them). */
  public static void release(String sourceId) {
    SourceMetrics.release(sourceId);
  }

  /** Records taken from Kafka: emitted + dead-lettered + skipped. */
  public long recordsRead() {
    return metrics.recordsRead.sum();
  }

  /** Records that could not be decoded and went to the dead-letter topic. */
  public long recordsDeadLettered() {
    return metrics.recordsDeadLettered.sum();
  }

  /** Records the deserializer mapped to null (not emitted). */
  public long recordsSkipped() {
    return metrics.recordsSkipped.sum();
  }

  /** Records emitted downstream. */
  public long recordsEmitted() {
    return recordsRead() - recordsDeadLettered() - recordsSkipped();
  }

  @Override
  public String toString() {
    return "read=" + recordsRead() + " deadLettered=" + recordsDeadLettered() + " skipped=" + recordsSkipped();
  }
}
