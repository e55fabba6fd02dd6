package io.rivulet.kafka.impl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Encodes the pending transactions of an exactly-once sink subtask into its checkpoint state. Versioned. */
final class SinkState {
  private static final int VERSION = 1;

  private SinkState() {}

  static byte[] encode(Collection<PendingTransaction> pending) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(VERSION);
      out.writeInt(pending.size());
      for (PendingTransaction t : pending) {
        out.writeLong(t.checkpointId());
        out.writeUTF(t.transactionalId());
        out.writeUTF(t.token());
        out.writeInt(t.offsets().size());
        for (Map.Entry<TopicPartition, long[]> e : t.offsets().entrySet()) {
          out.writeUTF(e.getKey().topic());
          out.writeInt(e.getKey().partition());
          out.writeInt(e.getValue().length);
          for (long o : e.getValue()) {
            out.writeLong(o);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The pending transactions, in checkpoint order. */
  static List<PendingTransaction> decode(byte[] state) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalStateException("unknown Kafka sink state version " + version);
      }
      int n = in.readInt();
      List<PendingTransaction> result = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        long checkpointId = in.readLong();
        String id = in.readUTF();
        String token = in.readUTF();
        int partitions = in.readInt();
        Map<TopicPartition, long[]> offsets = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
          TopicPartition tp = new TopicPartition(in.readUTF(), in.readInt());
          long[] r = new long[in.readInt()];
          for (int k = 0; k < r.length; k++) {
            r[k] = in.readLong();
          }
          offsets.put(tp, r);
        }
        result.add(new PendingTransaction(checkpointId, id, token, offsets));
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt Kafka sink state", e);
    }
  }
}
