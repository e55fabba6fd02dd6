package io.rivulet.kafka;

/** What a {@link KafkaSink} promises about records after failures. */
public enum DeliveryGuarantee {
  /**
   * Every record is written at least once: the producer is flushed at every checkpoint, so what a checkpoint
   * covers is in Kafka before the checkpoint completes. A restart writes records after the checkpoint again.
   */
  AT_LEAST_ONCE,
  /**
   * Consumers reading with {@code isolation.level=read_committed} see every record exactly once: records go
   * into one Kafka transaction per checkpoint, committed when the checkpoint completes. Output becomes visible
   * with that delay. Needs a transactional id prefix unique to the job.
   */
  EXACTLY_ONCE
}
