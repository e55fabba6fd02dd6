package io.rivulet.kafka.exchange;

import io.rivulet.api.serialization.DataInputDeserializer;
import io.rivulet.api.serialization.DataOutputSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A consumer's position in its partitions of a DURABLE edge's topic, as stored with a checkpoint: for each
 * partition the offset to resume reading at, and for each (partition, producer) pair the offset of the last
 * record taken from it — records at or below it that a resumed read meets again were taken before the checkpoint.
 * Written by the reader thread, read by the task thread (immutable).
 */
record DurablePosition(int partitions, int producers, long[] resumeOffsets, long[] done) {
  private static final int VERSION = 1;

  long resume(int p) {
    return resumeOffsets[p];
  }

  long done(int p, int producerSlot) {
    return done[p * producers + producerSlot];
  }

  byte[] toBytes(String topic) {
    DataOutputSerializer out = new DataOutputSerializer(64 + 8 * (resumeOffsets.length + done.length));
    out.writeInt(VERSION);
    out.writeString(topic);
    out.writeInt(partitions);
    out.writeInt(producers);
    for (long r : resumeOffsets) {
      out.writeLong(r);
    }
    for (long d : done) {
      out.writeLong(d);
    }
    return out.toByteArray();
  }

  /** The position stored by {@link #toBytes}, or null when it was taken on another topic (another job). */
  static DurablePosition fromBytes(byte[] bytes, String topic) {
    try {
      DataInputDeserializer in = new DataInputDeserializer(bytes);
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalStateException("unknown durable exchange position version " + version);
      }
      String storedTopic = in.readString();
      int partitions = in.readInt();
      int producers = in.readInt();
      long[] resume = new long[partitions];
      for (int p = 0; p < partitions; p++) {
        resume[p] = in.readLong();
      }
      long[] done = new long[partitions * producers];
      for (int i = 0; i < done.length; i++) {
        done[i] = in.readLong();
      }
      return storedTopic.equals(topic) ? new DurablePosition(partitions, producers, resume, done) : null;
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt durable exchange position", e);
    }
  }
}
