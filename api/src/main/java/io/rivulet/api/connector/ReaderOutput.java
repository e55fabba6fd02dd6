package io.rivulet.api.connector;

/** Where a {@link SourceReader} emits. */
public interface ReaderOutput<T> {
  /** Emits a record without a timestamp (the job's watermark strategy may assign one). */
  void collect(T record);

  /** Emits a record with its event time in epoch milliseconds. */
  void collect(T record, long timestamp);

  /** Emits a watermark produced by the reader itself (e.g. per Kafka partition). */
  void emitWatermark(long watermark);

  /** Marks this subtask's output idle until the next record or watermark. */
  void markIdle();
}
