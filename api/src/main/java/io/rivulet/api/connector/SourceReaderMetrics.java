package io.rivulet.api.connector;

/**
 * What a source reader may report about its progress, shown as metrics of its subtask. Thread-safe: a reader's
 * fetch thread may call it as well as the task thread.
 */
public interface SourceReaderMetrics {
  /** Reports nothing: for readers running outside a task (tests, tools). */
  SourceReaderMetrics NONE = records -> {};

  /**
   * How many records the source has not read yet (e.g. the sum over this reader's Kafka partitions of end offset
   * minus position); negative when unknown. Cheap to call: update it per poll or fetch, not per record.
   */
  void setLag(long records);
}
