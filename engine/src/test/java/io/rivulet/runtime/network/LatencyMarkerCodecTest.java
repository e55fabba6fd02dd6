package io.rivulet.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.serialization.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Latency markers in the DIRECT exchange's wire format: in band, behind the records written before them. */
class LatencyMarkerCodecTest {

  @Test
  void aMarkerSurvivesTheEventEncoding() {
    for (StreamEvent.LatencyMarker m : List.of(new StreamEvent.LatencyMarker(1_700_000_000_123L, 3, 7, ""),
        new StreamEvent.LatencyMarker(42, Integer.MAX_VALUE, 0, "LOCAL,DIRECT,LOCAL"))) {
      NetworkBuffer buffer = RecordCodec.encodeEvent(m);
      assertThat(buffer.event()).isTrue();
      assertThat(buffer.records()).isZero();
      assertThat(RecordCodec.decodeEvent(buffer)).isEqualTo(m);
    }
  }

  @Test
  void aMarkerSentAfterRecordsArrivesAfterThemAndTheRecordsAreIntact() {
    RemoteOutputChannel out = new RemoteOutputChannel(new RecordCodec(Types.LONG, 1024), 64, 16, new TaskWaker());
    RecordBatch batch = out.tryTakeBuffer();
    for (long i = 0; i < 10; i++) {
      batch.add(i, i * 10, null);
    }
    out.send(batch); // below a buffer's size: held back in the codec until a flush or an event
    StreamEvent.LatencyMarker marker = new StreamEvent.LatencyMarker(123, 1, 0, "LOCAL");
    out.sendEvent(marker);
    out.onCredit(4);

    List<NetworkBuffer> shipped = new ArrayList<>();
    NetworkBuffer b;
    while ((b = out.credit().pollSendable()) != null) {
      shipped.add(b);
    }
    assertThat(shipped).hasSize(2);
    assertThat(shipped.get(0).event()).isFalse();
    RecordBatch decoded = new RecordBatch(16);
    new RecordCodec(Types.LONG, 1024).decode(shipped.get(0), decoded);
    assertThat(decoded.size()).isEqualTo(10);
    for (int i = 0; i < 10; i++) {
      assertThat(decoded.value(i)).isEqualTo((long) i);
      assertThat(decoded.timestamp(i)).isEqualTo(i * 10L);
    }
    assertThat(RecordCodec.decodeEvent(shipped.get(1))).isEqualTo(marker);
  }
}
