package io.rivulet.runtime.network;

import io.rivulet.api.serialization.DataInputDeserializer;
import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.api.serialization.TypeSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Turns record batches and events into {@link NetworkBuffer}s and back, with the edge's serializer. Each
 * record: one flag byte (1 = a timestamp follows), the 8-byte timestamp if any, then the serializer's bytes.
 * An instance belongs to one channel end and is used by one task thread.
 */
public final class RecordCodec {
  private static final byte NO_TS = 0;
  private static final byte TS = 1;
  private static final byte WATERMARK = 1;
  private static final byte IDLE = 2;
  private static final byte BARRIER = 3;
  private static final byte END = 4;
  private static final byte LATENCY = 5;

  private final TypeSerializer<Object> serializer;
  private final int bufferSize;
  private final DataOutputSerializer out;
  private final DataInputDeserializer in = new DataInputDeserializer();
  /** Records in {@code out} not yet emitted. */
  private int pending;

  @SuppressWarnings("unchecked")
  public RecordCodec(TypeSerializer<?> serializer, int bufferSize) {
    this.serializer = (TypeSerializer<Object>) serializer.duplicate();
    this.bufferSize = bufferSize;
    this.out = new DataOutputSerializer(bufferSize + 1024);
  }

  /** Serializes the batch into buffers of about {@code bufferSize} bytes, the last one possibly partly filled. */
  public void encode(RecordBatch batch, Consumer<NetworkBuffer> sink) {
    append(batch, sink);
    flush(sink);
  }

  /**
   * Serializes the batch behind what earlier calls left, emitting a buffer each time about {@code bufferSize}
   * bytes are full; the rest waits for the next call or {@link #flush}. Filling whole buffers across batches
   * means fewer, fuller network frames, each costing one credit.
   */
  public void append(RecordBatch batch, Consumer<NetworkBuffer> sink) {
    try {
      for (int i = 0; i < batch.size(); i++) {
        long ts = batch.timestamp(i);
        if (ts == Long.MIN_VALUE) {
          out.writeByte(NO_TS);
        } else {
          out.writeByte(TS);
          out.writeLong(ts);
        }
        serializer.serialize(batch.value(i), out);
        pending++;
        if (out.length() >= bufferSize) {
          emit(sink);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize a record with " + serializer.typeName(), e);
    }
  }

  /** Emits what {@link #append} left as a (partly filled) buffer. */
  public void flush(Consumer<NetworkBuffer> sink) {
    if (pending > 0) {
      emit(sink);
    }
  }

  /** Bytes serialized but not yet emitted. */
  public int pendingBytes() {
    return out.length();
  }

  private void emit(Consumer<NetworkBuffer> sink) {
    sink.accept(new NetworkBuffer(out.toByteArray(), out.length(), pending, false));
    out.clear();
    pending = 0;
  }

  /** Deserializes a data buffer into {@code batch} (emptied first, capacity at least the record count). */
  public void decode(NetworkBuffer buffer, RecordBatch batch) {
    in.setBuffer(buffer.payload(), buffer.offset(), buffer.length());
    try {
      for (int i = 0; i < buffer.records(); i++) {
        long ts = in.readByte() == TS ? in.readLong() : Long.MIN_VALUE;
        batch.add(serializer.deserialize(in), ts, null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot deserialize a record with " + serializer.typeName()
          + ": sender and receiver disagree on the type", e);
    }
  }

  public static NetworkBuffer encodeEvent(StreamEvent event) {
    DataOutputSerializer o = new DataOutputSerializer(24);
    if (event instanceof StreamEvent.Watermark w) {
      o.writeByte(WATERMARK);
      o.writeLong(w.timestamp());
    } else if (event instanceof StreamEvent.IdleStatus s) {
      o.writeByte(IDLE);
      o.writeBoolean(s.idle());
    } else if (event instanceof StreamEvent.CheckpointBarrier b) {
      o.writeByte(BARRIER);
      o.writeLong(b.id());
      o.writeLong(b.timestamp());
    } else if (event instanceof StreamEvent.LatencyMarker m) {
      o.writeByte(LATENCY);
      o.writeLong(m.emitTimeMillis());
      o.writeInt(m.sourceVertex());
      o.writeInt(m.sourceSubtask());
      o.writeString(m.exchanges());
    } else if (event instanceof StreamEvent.EndOfPartition) {
      o.writeByte(END);
    } else {
      throw new IllegalArgumentException("cannot send " + event + " over the network");
    }
    return new NetworkBuffer(o.toByteArray(), o.length(), 0, true);
  }

  public static StreamEvent decodeEvent(NetworkBuffer buffer) {
    DataInputDeserializer i = new DataInputDeserializer();
    i.setBuffer(buffer.payload(), buffer.offset(), buffer.length());
    try {
      byte tag = i.readByte();
      return switch (tag) {
        case WATERMARK -> new StreamEvent.Watermark(i.readLong());
        case IDLE -> new StreamEvent.IdleStatus(i.readBoolean());
        case BARRIER -> new StreamEvent.CheckpointBarrier(i.readLong(), i.readLong());
        case END -> StreamEvent.EndOfPartition.INSTANCE;
        case LATENCY -> new StreamEvent.LatencyMarker(i.readLong(), i.readInt(), i.readInt(), i.readString());
        default -> throw new IllegalStateException("unknown event tag " + tag);
      };
    } catch (IOException e) {
      throw new UncheckedIOException("malformed event buffer", e);
    }
  }
}
