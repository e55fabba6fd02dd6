package io.rivulet.kafka.exchange;

/**
 * One decoded Kafka record of a DURABLE edge: a data record or a control record (watermark, idleness, barrier,
 * end) of one producer subtask. The reader decodes into one reused instance, so the payload is a slice of the
 * Kafka record's bytes and valid only until the next decode.
 *
 * <p>{@code attempt} fences producers of earlier job attempts: a consumer of attempt {@code a} ignores what any
 * other attempt wrote (see {@link DurableInputChannel}).
 */
public final class Envelope {
  EnvelopeKind kind;
  int producer;
  int attempt;
  long timestamp;
  long checkpointId;
  byte[] buffer;
  int payloadOffset;
  int payloadLength;

  public EnvelopeKind kind() {
    return kind;
  }

  /** Index of the producer subtask that wrote it. */
  public int producer() {
    return producer;
  }

  /** Job attempt of the producer that wrote it (0 first, +1 per restart). */
  public int attempt() {
    return attempt;
  }

  /** Record timestamp (RECORD), watermark (WATERMARK) or barrier timestamp (BARRIER). */
  public long timestamp() {
    return timestamp;
  }

  /** The checkpoint of a BARRIER; 0 otherwise. */
  public long checkpointId() {
    return checkpointId;
  }

  public byte[] payloadBuffer() {
    return buffer;
  }

  public int payloadOffset() {
    return payloadOffset;
  }

  public int payloadLength() {
    return payloadLength;
  }

  /** A copy of the payload (tests and diagnostics; the reader works on the slice). */
  public byte[] payload() {
    return java.util.Arrays.copyOfRange(buffer, payloadOffset, payloadOffset + payloadLength);
  }

  @Override
  public String toString() {
    return kind + "(producer=" + producer + ", attempt=" + attempt + ", ts=" + timestamp
        + (kind == EnvelopeKind.BARRIER ? ", checkpoint=" + checkpointId : "") + ", " + payloadLength + " bytes)";
  }
}
