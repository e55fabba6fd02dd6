package io.rivulet.kafka.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.runtime.network.StreamEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

  @Test
  void recordRoundTripsWithPayloadAsSlice() throws IOException {
    byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = EnvelopeCodec.encode(EnvelopeKind.RECORD, 3, 7, 1_700_000_000_123L, 0, payload, 0, payload.length);
    Envelope e = EnvelopeCodec.decode(bytes, new Envelope());
    assertThat(e.kind()).isEqualTo(EnvelopeKind.RECORD);
    assertThat(e.producer()).isEqualTo(3);
    assertThat(e.attempt()).isEqualTo(7);
    assertThat(e.timestamp()).isEqualTo(1_700_000_000_123L);
    assertThat(e.payload()).isEqualTo(payload);
    assertThat(e.payloadBuffer()).isSameAs(bytes);
    assertThat(bytes.length).isEqualTo(e.payloadOffset() + payload.length);
  }

  @Test
  void controlRecordsCarryTheirFields() throws IOException {
    for (long ts : new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE}) {
      Envelope e = EnvelopeCodec.decode(EnvelopeCodec.control(EnvelopeKind.BARRIER, 0, 0, ts, 42), new Envelope());
      assertThat(e.kind()).isEqualTo(EnvelopeKind.BARRIER);
      assertThat(e.timestamp()).isEqualTo(ts);
      assertThat(e.checkpointId()).isEqualTo(42);
      assertThat(e.payloadLength()).isZero();
    }
    for (EnvelopeKind k : EnvelopeKind.values()) {
      assertThat(EnvelopeCodec.decode(EnvelopeCodec.control(k, 1, 2, 3, 4), new Envelope()).kind()).isEqualTo(k);
    }
  }

  @Test
  void latencyMarkerRoundTripsAndIsSmall() throws IOException {
    for (String exchanges : new String[] {"", "LOCAL", "LOCAL,DIRECT,DURABLE"}) {
      StreamEvent.LatencyMarker m = new StreamEvent.LatencyMarker(1_700_000_000_321L, 12, 300, exchanges);
      byte[] bytes = EnvelopeCodec.latency(5, 2, m);
      Envelope e = EnvelopeCodec.decode(bytes, new Envelope());
      assertThat(e.kind()).isEqualTo(EnvelopeKind.LATENCY);
      assertThat(e.producer()).isEqualTo(5);
      assertThat(e.attempt()).isEqualTo(2);
      assertThat(e.timestamp()).isEqualTo(m.emitTimeMillis());
      assertThat(EnvelopeCodec.latencyMarker(e)).isEqualTo(m);
      // header of a watermark plus vertex, subtask, the string's length and its characters
      assertThat(bytes).hasSizeLessThanOrEqualTo(12 + 1 + 2 + 1 + exchanges.length());
    }
    Envelope record = EnvelopeCodec.decode(EnvelopeCodec.encode(EnvelopeKind.RECORD, 0, 0, 0, 0, new byte[] {2, 2},
        0, 2), new Envelope());
    assertThatThrownBy(() -> EnvelopeCodec.latencyMarker(record)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLatencyMarkerReadsOnlyItsOwnPayload() throws IOException {
    // the string's length claims more than the payload holds: refused, not read past the payload's end
    byte[] payload = {2, 4, 20, 'L'};
    Envelope e = EnvelopeCodec.decode(EnvelopeCodec.encode(EnvelopeKind.LATENCY, 0, 0, 7, 0, payload, 0, 4),
        new Envelope());
    assertThatThrownBy(() -> EnvelopeCodec.latencyMarker(e)).isInstanceOf(IOException.class)
        .hasMessageContaining("exchanges of 10 bytes");
  }

  @Test
  void aControlRecordIsSmall() {
    // kind, producer, attempt, timestamp (up to 10), checkpoint id, empty payload: a few bytes per partition
    assertThat(EnvelopeCodec.control(EnvelopeKind.WATERMARK, 1, 0, 1_700_000_000_000L, 0)).hasSizeLessThan(12);
  }

  @Test
  void corruptEnvelopesAreRefused() {
    byte[] ok = EnvelopeCodec.encode(EnvelopeKind.RECORD, 0, 0, 0, 0, new byte[] {1, 2, 3}, 0, 3);
    byte[] truncated = java.util.Arrays.copyOf(ok, ok.length - 1);
    assertThatThrownBy(() -> EnvelopeCodec.decode(truncated, new Envelope())).isInstanceOf(IOException.class)
        .hasMessageContaining("payload of 3 bytes");
    assertThatThrownBy(() -> EnvelopeCodec.decode(new byte[] {(byte) 0x80}, new Envelope()))
        .isInstanceOf(IOException.class).hasMessageContaining("truncated varint");
    assertThatThrownBy(() -> EnvelopeCodec.decode(new byte[] {40, 0, 0, 0, 0, 0}, new Envelope()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown envelope kind 20");
  }

  @Test
  void aBatchOfRecordsRoundTripsInOrderWithTimestamps() throws IOException {
    io.rivulet.api.serialization.DataOutputSerializer body = new io.rivulet.api.serialization.DataOutputSerializer(16);
    long[] timestamps = {Long.MIN_VALUE, -1, 0, 1_700_000_000_123L, Long.MAX_VALUE};
    for (int i = 0; i < timestamps.length; i++) {
      byte[] record = ("r" + i).repeat(i).getBytes(StandardCharsets.UTF_8); // the first is empty
      EnvelopeCodec.appendRecord(body, timestamps[i], record, 0, record.length);
    }
    Envelope e = EnvelopeCodec.decode(EnvelopeCodec.encode(EnvelopeKind.RECORDS, 4, 2, Long.MIN_VALUE, 0,
        body.buffer(), 0, body.length()), new Envelope());
    assertThat(e.kind()).isEqualTo(EnvelopeKind.RECORDS);
    assertThat(e.producer()).isEqualTo(4);
    assertThat(e.attempt()).isEqualTo(2);
    EnvelopeCodec.RecordsCursor cursor = new EnvelopeCodec.RecordsCursor().reset(e);
    for (int i = 0; i < timestamps.length; i++) {
      assertThat(cursor.next()).isTrue();
      assertThat(cursor.timestamp()).isEqualTo(timestamps[i]);
      assertThat(new String(cursor.buffer(), cursor.offset(), cursor.length(), StandardCharsets.UTF_8))
          .isEqualTo(("r" + i).repeat(i));
    }
    assertThat(cursor.next()).isFalse();
    // one cursor serves envelope after envelope
    Envelope single = EnvelopeCodec.decode(EnvelopeCodec.encode(EnvelopeKind.RECORDS, 0, 0, 0, 0, new byte[] {2, 2, 7, 7},
        0, 3), new Envelope()); // timestamp 1, then one byte: 7
    assertThat(cursor.reset(single).next()).isTrue();
    assertThat(cursor.timestamp()).isEqualTo(1);
    assertThat(cursor.length()).isEqualTo(1);
    assertThat(cursor.buffer()[cursor.offset()]).isEqualTo((byte) 7);
    assertThat(cursor.next()).isFalse();
  }

  @Test
  void aBatchReadsOnlyItsOwnPayload() throws IOException {
    // a record's length claims more than is left in the batch: refused, not read into what follows
    byte[] payload = {2, 20, 'a', 'b'};
    Envelope e = EnvelopeCodec.decode(EnvelopeCodec.encode(EnvelopeKind.RECORDS, 0, 0, 0, 0, payload, 0, 4),
        new Envelope());
    EnvelopeCodec.RecordsCursor cursor = new EnvelopeCodec.RecordsCursor().reset(e);
    assertThatThrownBy(cursor::next).isInstanceOf(IOException.class)
        .hasMessageContaining("a record of 10 bytes").hasMessageContaining("2 bytes left");
    Envelope record = EnvelopeCodec.decode(EnvelopeCodec.encode(EnvelopeKind.RECORD, 0, 0, 0, 0, payload, 0, 4),
        new Envelope());
    assertThatThrownBy(() -> cursor.reset(record)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void topicNamesAreSanitized() {
    assertThat(DurableEdge.topicName("Sensor averages (v2)!", "3f9a0c11d2e4b5a6", 4))
        .isEqualTo("sensor-averages-v2-3f9a0c11-e4");
    assertThat(DurableEdge.topicName("___", "ab-cd", 1)).isEqualTo("job-abcd-e1");
  }
}
