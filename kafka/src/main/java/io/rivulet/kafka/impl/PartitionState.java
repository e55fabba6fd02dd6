package io.rivulet.kafka.impl;

import io.rivulet.api.watermark.WatermarkGenerator;
import io.rivulet.api.watermark.WatermarkOutput;
import org.apache.kafka.common.TopicPartition;

/**
 * One assigned partition as the task thread sees it: the next offset to emit (what a checkpoint stores), the
 * stop offset in bounded mode, and its own watermark generator. Task thread only.
 */
final class PartitionState<T> implements WatermarkOutput {
  static final long NO_STOP = -1;

  final TopicPartition partition;
  /** Offset of the next record to emit: everything before it has been emitted (or dead-lettered). */
  long nextOffset;
  /** Bounded mode: the partition ends at this offset; {@link #NO_STOP} when unbounded. */
  final long stopOffset;
  /** The generator of this partition's watermarks, or null without a strategy. */
  final WatermarkGenerator<T> generator;
  /** Highest watermark the generator emitted. */
  long watermark = Long.MIN_VALUE;
  /** Whether the generator declared the partition idle. */
  boolean idle;

  PartitionState(TopicPartition partition, long nextOffset, long stopOffset, WatermarkGenerator<T> generator) {
    this.partition = partition;
    this.nextOffset = nextOffset;
    this.stopOffset = stopOffset;
    this.generator = generator;
  }

  /** Bounded mode: everything up to the stop offset has been consumed. */
  boolean finished() {
    return stopOffset != NO_STOP && nextOffset >= stopOffset;
  }

  /** Whether a record at {@code offset} lies past the end of a bounded partition. */
  boolean beyondStop(long offset) {
    return stopOffset != NO_STOP && offset >= stopOffset;
  }

  /** The consumer's position after a fully emitted batch: nothing before it is left to emit. */
  void advanceTo(long position) {
    long p = stopOffset == NO_STOP ? position : Math.min(position, stopOffset);
    if (p > nextOffset) {
      nextOffset = p;
    }
  }

  @Override
  public void emitWatermark(long w) {
    idle = false;
    if (w > watermark) {
      watermark = w;
    }
  }

  @Override
  public void markIdle() {
    idle = true;
  }

  @Override
  public void markActive() {
    idle = false;
  }
}
