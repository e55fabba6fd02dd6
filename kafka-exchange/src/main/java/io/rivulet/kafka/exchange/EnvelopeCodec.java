package io.rivulet.kafka.exchange;

import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.runtime.network.StreamEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes and reads the envelope of a DURABLE edge's Kafka records by hand, in exactly the Avro binary encoding
 * of {@code io.rivulet.schemas.exchange.ExchangeEnvelope} ({@code exchange-envelope.avsc}): zig-zag varints for
 * the enum index, ints and longs, then the payload as length-prefixed bytes. Hand-written because it runs once
 * per record on the hot path, where a generic Avro writer would cost an object and a schema walk per record;
 * a test checks the bytes against Avro's own reader and writer of the generated class.
 *
 * <p>Field order: kind, producer, attempt, timestamp, checkpointId, payload.
 */
public final class EnvelopeCodec {
  private EnvelopeCodec() {}

  /** Upper bound of the header size (5 varints, the last length prefix), for sizing buffers. */
  static final int MAX_HEADER = 1 + 5 + 5 + 10 + 10 + 5;

  /** Encodes a whole envelope into a new array of exactly its size. */
  public static byte[] encode(EnvelopeKind kind, int producer, int attempt, long timestamp, long checkpointId,
      byte[] payload, int offset, int length) {
    byte[] head = new byte[MAX_HEADER];
    int h = 0;
    h = putLong(head, h, kind.ordinal());
    h = putLong(head, h, producer);
    h = putLong(head, h, attempt);
    h = putLong(head, h, timestamp);
    h = putLong(head, h, checkpointId);
    h = putLong(head, h, length);
    byte[] out = new byte[h + length];
    System.arraycopy(head, 0, out, 0, h);
    if (length > 0) {
      System.arraycopy(payload, offset, out, h, length);
    }
    return out;
  }

  /** A control envelope (no payload). */
  public static byte[] control(EnvelopeKind kind, int producer, int attempt, long timestamp, long checkpointId) {
    return encode(kind, producer, attempt, timestamp, checkpointId, null, 0, 0);
  }

  /**
   * A {@link EnvelopeKind#LATENCY} envelope: the marker's emit time in {@code timestamp}, and a payload in Avro
   * binary of (int source vertex, int source subtask, string exchanges crossed so far), so that a generic Avro
   * reader can still take the payload apart. A few bytes more than a watermark; allocates, which is fine at one
   * marker per interval, far off the record path.
   */
  public static byte[] latency(int producer, int attempt, StreamEvent.LatencyMarker marker) {
    byte[] exchanges = marker.exchanges().getBytes(StandardCharsets.UTF_8);
    byte[] payload = new byte[5 + 5 + 5 + exchanges.length];
    int n = putLong(payload, 0, marker.sourceVertex());
    n = putLong(payload, n, marker.sourceSubtask());
    n = putLong(payload, n, exchanges.length);
    System.arraycopy(exchanges, 0, payload, n, exchanges.length);
    n += exchanges.length;
    return encode(EnvelopeKind.LATENCY, producer, attempt, marker.emitTimeMillis(), 0, payload, 0, n);
  }

  /** The marker a decoded {@link EnvelopeKind#LATENCY} envelope carries (its exchanges as the producer saw them). */
  public static StreamEvent.LatencyMarker latencyMarker(Envelope e) throws IOException {
    if (e.kind != EnvelopeKind.LATENCY) {
      throw new IllegalArgumentException("not a latency marker: " + e);
    }
    Reader r = new Reader(e.buffer, e.payloadOffset + e.payloadLength);
    r.pos = e.payloadOffset;
    int vertex = (int) r.readLong();
    int subtask = (int) r.readLong();
    int length = (int) r.readLong();
    if (length < 0 || r.pos + length > r.end) {
      throw new IOException("corrupt latency marker: exchanges of " + length + " bytes at " + r.pos);
    }
    String exchanges = new String(e.buffer, r.pos, length, StandardCharsets.UTF_8);
    return new StreamEvent.LatencyMarker(e.timestamp, vertex, subtask, exchanges);
  }

  /** Decodes {@code bytes} into {@code into}; the payload stays a slice of {@code bytes}. */
  public static Envelope decode(byte[] bytes, Envelope into) throws IOException {
    Reader r = new Reader(bytes, bytes.length);
    into.kind = EnvelopeKind.ofOrdinal((int) r.readLong());
    into.producer = (int) r.readLong();
    into.attempt = (int) r.readLong();
    into.timestamp = r.readLong();
    into.checkpointId = r.readLong();
    int length = (int) r.readLong();
    if (length < 0 || r.pos + length > bytes.length) {
      throw new IOException("corrupt envelope: payload of " + length + " bytes at " + r.pos + " in "
          + bytes.length);
    }
    into.buffer = bytes;
    into.payloadOffset = r.pos;
    into.payloadLength = length;
    return into;
  }

  /**
   * Appends one record to the payload of a {@link EnvelopeKind#RECORDS} envelope being built in {@code body}: its
   * timestamp (Avro long), then its serialized bytes (Avro bytes: length, then the bytes).
   */
  public static void appendRecord(DataOutputSerializer body, long timestamp, byte[] record, int offset, int length) {
    writeLong(body, timestamp);
    writeLong(body, length);
    body.write(record, offset, length);
  }

  private static void writeLong(DataOutputSerializer out, long v) {
    long n = (v << 1) ^ (v >> 63);
    while ((n & ~0x7FL) != 0) {
      out.writeByte((int) ((n & 0x7F) | 0x80));
      n >>>= 7;
    }
    out.writeByte((int) n);
  }

  /**
   * Walks the records of a decoded {@link EnvelopeKind#RECORDS} envelope: {@link #reset} on the envelope, then
   * {@link #next} until false; each record is a slice of the envelope's bytes. One per reader, reused.
   */
  public static final class RecordsCursor {
    private final Reader r = new Reader(null, 0);
    private long timestamp;
    private int offset;
    private int length;

    public RecordsCursor reset(Envelope e) {
      if (e.kind != EnvelopeKind.RECORDS) {
        throw new IllegalArgumentException("not a batch of records: " + e);
      }
      r.b = e.buffer;
      r.pos = e.payloadOffset;
      r.end = e.payloadOffset + e.payloadLength;
      return this;
    }

    /** Moves to the next record; false at the end of the batch. */
    public boolean next() throws IOException {
      if (r.pos >= r.end) {
        return false;
      }
      timestamp = r.readLong();
      long n = r.readLong();
      if (n < 0 || n > r.end - r.pos) {
        throw new IOException("corrupt batch of records: a record of " + n + " bytes at " + r.pos + ", "
            + (r.end - r.pos) + " bytes left in the batch");
      }
      offset = r.pos;
      length = (int) n;
      r.pos += length;
      return true;
    }

    public long timestamp() {
      return timestamp;
    }

    public byte[] buffer() {
      return r.b;
    }

    public int offset() {
      return offset;
    }

    public int length() {
      return length;
    }
  }

  /** Avro long: zig-zag, then 7 bits per byte, low bits first. */
  private static int putLong(byte[] b, int pos, long v) {
    long n = (v << 1) ^ (v >> 63);
    while ((n & ~0x7FL) != 0) {
      b[pos++] = (byte) ((n & 0x7F) | 0x80);
      n >>>= 7;
    }
    b[pos++] = (byte) n;
    return pos;
  }

  private static final class Reader {
    byte[] b;
    int end;
    int pos;

    Reader(byte[] b, int end) {
      this.b = b;
      this.end = end;
    }

    long readLong() throws IOException {
      long n = 0;
      int shift = 0;
      while (true) {
        if (pos >= end) {
          throw new IOException("corrupt envelope: truncated varint at " + pos);
        }
        int x = b[pos++] & 0xFF;
        n |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          break;
        }
        shift += 7;
        if (shift > 63) {
          throw new IOException("corrupt envelope: varint longer than 10 bytes at " + pos);
        }
      }
      return (n >>> 1) ^ -(n & 1);
    }
  }
}
