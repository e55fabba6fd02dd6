package io.rivulet.runtime.network.durable;

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

  @Test
  void kindsAreInTheSchemaOrder() {
    for (EnvelopeKind kind : EnvelopeKind.values()) {
      assertThat(io.rivulet.schemas.exchange.EnvelopeKind.values()[kind.ordinal()].name()).isEqualTo(kind.name());
    }
  }
}
