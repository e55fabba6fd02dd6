package io.rivulet.kafka.impl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checkpointed position of one source subtask: for each of its partitions the next offset to read and,
 * in bounded mode, the offset to stop at. Binary, versioned.
 */
record SourceState(String topic, Map<Integer, Long> nextOffsets, Map<Integer, Long> stopOffsets) {
  private static final int VERSION = 1;

  byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(VERSION);
      out.writeUTF(topic);
      out.writeInt(nextOffsets.size());
      for (Map.Entry<Integer, Long> e : new TreeMap<>(nextOffsets).entrySet()) {
        out.writeInt(e.getKey());
        out.writeLong(e.getValue());
        out.writeLong(stopOffsets.getOrDefault(e.getKey(), PartitionState.NO_STOP));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static SourceState fromBytes(byte[] state) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalStateException("unknown Kafka source state version " + version);
      }
      String topic = in.readUTF();
      int n = in.readInt();
      Map<Integer, Long> next = new TreeMap<>();
      Map<Integer, Long> stop = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        int partition = in.readInt();
        next.put(partition, in.readLong());
        long s = in.readLong();
        if (s != PartitionState.NO_STOP) {
          stop.put(partition, s);
        }
      }
      return new SourceState(topic, next, stop);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt Kafka source state", e);
    }
  }
}
