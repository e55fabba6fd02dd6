package io.rivulet.kafka;

/**
 * Where a {@link KafkaSource} starts reading a partition when it has no checkpointed offset for it. A
 * checkpointed offset always wins: a restored source continues exactly where its checkpoint was taken.
 */
public enum StartingOffsets {
  /** The first offset still in the log. */
  EARLIEST,
  /** The end of the log when the reader starts: only records written afterwards are read. */
  LATEST,
  /** The offset the source's consumer group committed; {@link #EARLIEST} where it committed none. Needs a group id. */
  COMMITTED
}
