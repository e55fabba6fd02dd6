package io.rivulet.kafka.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.schemas.exchange.ExchangeEnvelope;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** The hand-written codec writes exactly the Avro binary encoding of {@code exchange-envelope.avsc}. */
class EnvelopeAvroCompatibilityTest {

  @Test
  void codecBytesEqualAvroBytesBothWays() throws Exception {
    byte[] payload = {9, 8, 7, 6};
    for (EnvelopeKind kind : EnvelopeKind.values()) {
      for (long ts : new long[] {Long.MIN_VALUE, -5, 0, 1_700_000_000_000L, Long.MAX_VALUE}) {
        byte[] ours = EnvelopeCodec.encode(kind, 17, 3, ts, kind == EnvelopeKind.BARRIER ? 123_456 : 0, payload, 0, 4);
        ExchangeEnvelope avro = ExchangeEnvelope.newBuilder()
            .setKind(io.rivulet.schemas.exchange.EnvelopeKind.valueOf(kind.name()))
            .setProducer(17).setAttempt(3).setTimestamp(ts)
            .setCheckpointId(kind == EnvelopeKind.BARRIER ? 123_456 : 0)
            .setPayload(ByteBuffer.wrap(payload)).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(ExchangeEnvelope.class).write(avro, enc);
        enc.flush();
        assertThat(ours).isEqualTo(bytes.toByteArray());
        ExchangeEnvelope read = new SpecificDatumReader<>(ExchangeEnvelope.class)
            .read(null, DecoderFactory.get().binaryDecoder(ours, null));
        assertThat(read).isEqualTo(avro);
      }
    }
  }

  /** The LATENCY payload is what the schema documents: Avro binary of (int vertex, int subtask, string exchanges). */
  @Test
  void latencyPayloadIsAvroBinaryOfVertexSubtaskAndExchanges() throws Exception {
    var marker = new io.rivulet.runtime.network.StreamEvent.LatencyMarker(1_700_000_000_000L, 3, 70, "LOCAL,DIRECT");
    byte[] ours = EnvelopeCodec.latency(1, 0, marker);
    ExchangeEnvelope read = new SpecificDatumReader<>(ExchangeEnvelope.class)
        .read(null, DecoderFactory.get().binaryDecoder(ours, null));
    assertThat(read.getKind()).isEqualTo(io.rivulet.schemas.exchange.EnvelopeKind.LATENCY);
    assertThat(read.getTimestamp()).isEqualTo(marker.emitTimeMillis());
    ByteBuffer payload = read.getPayload();
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    var in = DecoderFactory.get().binaryDecoder(bytes, null);
    assertThat(in.readInt()).isEqualTo(3);
    assertThat(in.readInt()).isEqualTo(70);
    assertThat(in.readString()).isEqualTo("LOCAL,DIRECT");
    assertThat(in.isEnd()).isTrue();
  }

  /**
   * The RECORDS payload is what the schema documents: (timestamp: Avro long, record: Avro bytes) pairs, one after
   * the other, so a generic Avro reader can take a batch apart.
   */
  @Test
  void recordsPayloadIsAvroLongAndBytesPairs() throws Exception {
    io.rivulet.api.serialization.DataOutputSerializer body = new io.rivulet.api.serialization.DataOutputSerializer(16);
    EnvelopeCodec.appendRecord(body, 1_700_000_000_123L, new byte[] {1, 2, 3}, 0, 3);
    EnvelopeCodec.appendRecord(body, Long.MIN_VALUE, new byte[0], 0, 0);
    EnvelopeCodec.appendRecord(body, -7, new byte[] {9}, 0, 1);
    byte[] ours = EnvelopeCodec.encode(EnvelopeKind.RECORDS, 2, 1, Long.MIN_VALUE, 0, body.buffer(), 0, body.length());
    ExchangeEnvelope read = new SpecificDatumReader<>(ExchangeEnvelope.class)
        .read(null, DecoderFactory.get().binaryDecoder(ours, null));
    assertThat(read.getKind()).isEqualTo(io.rivulet.schemas.exchange.EnvelopeKind.RECORDS);
    ByteBuffer payload = read.getPayload();
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    var in = DecoderFactory.get().binaryDecoder(bytes, null);
    assertThat(in.readLong()).isEqualTo(1_700_000_000_123L);
    assertThat(in.readBytes(null).array()).containsExactly(1, 2, 3);
    assertThat(in.readLong()).isEqualTo(Long.MIN_VALUE);
    assertThat(in.readBytes(null).remaining()).isZero();
    assertThat(in.readLong()).isEqualTo(-7);
    assertThat(in.readBytes(null).array()).containsExactly(9);
    assertThat(in.isEnd()).isTrue();
  }

  /** Appending LATENCY and RECORDS kept every older symbol's index: what was written before decodes the same. */
  @Test
  void olderKindsKeepTheirIndex() {
    assertThat(EnvelopeKind.values()).extracting(Enum::name)
        .containsExactly("RECORD", "WATERMARK", "IDLE", "ACTIVE", "BARRIER", "END", "LATENCY", "RECORDS");
  }

  @Test
  void kindsAreInTheSchemaOrder() {
    assertThat(io.rivulet.schemas.exchange.EnvelopeKind.values()).hasSameSizeAs(EnvelopeKind.values());
    for (EnvelopeKind kind : EnvelopeKind.values()) {
      assertThat(io.rivulet.schemas.exchange.EnvelopeKind.values()[kind.ordinal()].name()).isEqualTo(kind.name());
    }
  }
}
