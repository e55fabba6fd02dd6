package io.rivulet.kafka.exchange;

/**
 * What one Kafka record of a DURABLE edge carries. The order is the symbol order of the {@code EnvelopeKind}
 * enum in {@code schemas/src/main/avro/exchange-envelope.avsc}: the ordinal is what goes over the wire.
 */
public enum EnvelopeKind {
  /** A data record: the payload is the record, written with the edge's serializer. */
  RECORD,
  /** The producer's watermark advanced to {@code timestamp}. */
  WATERMARK,
  /** The producer became idle (left out of the watermark minimum). */
  IDLE,
  /** The producer is active again after {@link #IDLE}. */
  ACTIVE,
  /** Checkpoint barrier {@code checkpointId} (taken at {@code timestamp}): what came before belongs to it. */
  BARRIER,
  /** The producer finished: nothing follows from it on this partition. */
  END,
  /**
   * A latency marker emitted at {@code timestamp} (wall clock of the source's process), written to one partition
   * only; the payload holds where it came from ({@link EnvelopeCodec#latency}). Last, because the schema only
   * grows at the end: the index of every older kind stays what older data holds.
   */
  LATENCY,
  /**
   * Several data records of one producer for one partition in one Kafka record: the payload is the records one
   * after the other, each as its timestamp (Avro long) and its serialized bytes (Avro bytes), read with
   * {@link EnvelopeCodec.RecordsCursor}. What the producer writes for every batch of records the task hands over,
   * so that the per-record cost of Kafka (a record, its headers and offset, the broker's and the consumer's work on
   * it) is paid once per batch. Taken, fenced, held back and skipped exactly like one {@link #RECORD}: its offset is
   * one position in the partition.
   */
  RECORDS;

  private static final EnvelopeKind[] VALUES = values();

  static EnvelopeKind ofOrdinal(int ordinal) {
    if (ordinal < 0 || ordinal >= VALUES.length) {
      throw new IllegalArgumentException("unknown envelope kind " + ordinal);
    }
    return VALUES[ordinal];
  }
}
