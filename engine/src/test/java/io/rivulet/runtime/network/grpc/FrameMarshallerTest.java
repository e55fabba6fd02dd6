package io.rivulet.runtime.network.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.StatusRuntimeException;
import io.rivulet.proto.data.Buffer;
import io.rivulet.proto.data.Credit;
import io.rivulet.proto.data.DataFrame;
import io.rivulet.proto.data.OpenChannel;
import io.rivulet.runtime.network.NetworkBuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The data stream's marshaller writes and reads exactly the DataFrame bytes of data.proto, without payload copies. */
class FrameMarshallerTest {
  private static final FrameMarshaller M = FrameMarshaller.INSTANCE;

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] drained(Frame f) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream s = M.stream(f);
    int n = ((Drainable) s).drainTo(out);
    assertThat(n).isEqualTo(out.size());
    assertThat(s.available()).isZero();
    return out.toByteArray();
  }

  private static byte[] readByteByByteAndInChunks(Frame f) throws IOException {
    InputStream s = M.stream(f);
    int total = s.available();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < 3 && s.available() > 0; i++) {
      out.write(s.read());
    }
    byte[] chunk = new byte[7];
    for (int r = s.read(chunk, 0, chunk.length); r > 0; r = s.read(chunk, 0, chunk.length)) {
      out.write(chunk, 0, r);
    }
    assertThat(s.read()).isEqualTo(-1);
    assertThat(out.size()).isEqualTo(total);
    return out.toByteArray();
  }

  /** A stream that knows its length, as gRPC's message streams do. */
  private static InputStream knownLength(byte[] b) {
    return new KnownLengthStream(new ByteArrayInputStream(b));
  }

  private static final class KnownLengthStream extends FilterInputStream implements KnownLength {
    KnownLengthStream(InputStream in) {
      super(in);
    }
  }

  private static DataFrame protobufBuffer(int handle, boolean event, int records, int backlog, byte[] payload) {
    return DataFrame.newBuilder().setBuffer(Buffer.newBuilder().setHandle(handle).setEvent(event).setRecords(records)
        .setBacklog(backlog).setPayload(ByteString.copyFrom(payload))).build();
  }

  @Test
  void aBufferFrameIsWrittenAsTheProtobufBytesWithThePayloadTakenFromItsRegion() throws IOException {
    byte[] region = bytes(40_000, 1);
    int[][] cases = {{0, 0, 0, 0}, {3, 512, 2, 0}, {200_000, 3641, 0, 1}, {-1, 1, 7, 0}};
    for (int[] c : cases) {
      int offset = 17;
      int length = 32 * 1024 + c[3];
      boolean event = c[3] == 1;
      NetworkBuffer b = new NetworkBuffer(region, offset, length, c[1], event);
      byte[] expected = protobufBuffer(c[0], event, c[1], c[2],
          Arrays.copyOfRange(region, offset, offset + length)).toByteArray();
      Frame f = Frame.buffer(c[0], c[2], b);
      assertThat(drained(f)).isEqualTo(expected);
      assertThat(readByteByByteAndInChunks(f)).isEqualTo(expected);
      assertThat(M.stream(f).available()).isEqualTo(expected.length);
    }
  }

  @Test
  void anEmptyPayloadIsLeftOutAsProtobufDoes() throws IOException {
    Frame f = Frame.buffer(5, 0, new NetworkBuffer(new byte[4], 2, 0, 0, false));
    assertThat(drained(f)).isEqualTo(protobufBuffer(5, false, 0, 0, new byte[0]).toByteArray());
    Frame back = M.parse(knownLength(drained(f)));
    assertThat(back.buffer().length()).isZero();
    assertThat(back.handle()).isEqualTo(5);
  }

  @Test
  void aProtobufBufferFrameIsReadWithThePayloadLeftInPlace() {
    byte[] payload = bytes(32 * 1024, 2);
    byte[] wire = protobufBuffer(9, false, 3641, 4, payload).toByteArray();
    for (InputStream in : new InputStream[] {knownLength(wire), new ByteArrayInputStream(wire)}) {
      Frame f = M.parse(in);
      assertThat(f.isBuffer()).isTrue();
      assertThat(f.handle()).isEqualTo(9);
      assertThat(f.backlog()).isEqualTo(4);
      NetworkBuffer b = f.buffer();
      assertThat(b.records()).isEqualTo(3641);
      assertThat(b.event()).isFalse();
      assertThat(b.length()).isEqualTo(payload.length);
      assertThat(b.payload()).as("one array for the whole frame: the payload is a region of it").hasSize(wire.length);
      assertThat(b.offset()).isEqualTo(wire.length - payload.length);
      assertThat(Arrays.copyOfRange(b.payload(), b.offset(), b.offset() + b.length())).isEqualTo(payload);
    }
  }

  @Test
  void framesRoundTripThroughTheMarshallerAndOwnTheirBytes() throws IOException {
    byte[] senderArray = bytes(1000, 3);
    Frame sent = Frame.buffer(1, 2, new NetworkBuffer(senderArray, 100, 800, 40, false));
    Frame first = M.parse(knownLength(drained(sent)));
    Arrays.fill(senderArray, (byte) 0); // the sender reuses or drops its array: what arrived must not change
    Frame second = M.parse(M.stream(Frame.buffer(1, 0, new NetworkBuffer(bytes(800, 4), 0, 800, 40, false))));
    byte[] expected = Arrays.copyOfRange(bytes(1000, 3), 100, 900);
    NetworkBuffer b = first.buffer();
    assertThat(Arrays.copyOfRange(b.payload(), b.offset(), b.offset() + b.length())).isEqualTo(expected);
    assertThat(second.buffer().payload()).isNotSameAs(b.payload());
    assertThat(first.toDataFrame()).isEqualTo(protobufBuffer(1, false, 40, 2, expected));
  }

  @Test
  void controlFramesAreTheProtobufMessages() throws IOException {
    DataFrame open = DataFrame.newBuilder().setOpen(OpenChannel.newBuilder().setHandle(3).setJobId("j").setAttempt(1)
        .setEdgeId(2).setProducerSubtask(0).setConsumerSubtask(1)).build();
    DataFrame credit = DataFrame.newBuilder().setCredit(Credit.newBuilder().setHandle(3).setCredit(2)).build();
    for (DataFrame f : new DataFrame[] {open, credit, DataFrame.getDefaultInstance()}) {
      assertThat(drained(Frame.control(f))).isEqualTo(f.toByteArray());
      Frame back = M.parse(knownLength(f.toByteArray()));
      assertThat(back.isBuffer()).isFalse();
      assertThat(back.control()).isEqualTo(f);
    }
    assertThatThrownBy(() -> Frame.control(protobufBuffer(1, false, 1, 0, new byte[1])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void encodingsOffTheFastPathFollowProtobufRules() {
    // two buffer fields in one message: protobuf merges them (later scalars and payload win)
    byte[] a = protobufBuffer(1, false, 10, 5, bytes(50, 5)).toByteArray();
    byte[] b = protobufBuffer(2, false, 20, 0, bytes(60, 6)).toByteArray();
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    Frame merged = M.parse(knownLength(both));
    assertThat(merged.toDataFrame()).isEqualTo(protobufBuffer(2, false, 20, 5, bytes(60, 6)));

    // an unknown field inside Buffer (a newer sender): skipped, as protobuf does
    DataFrame withUnknown = DataFrame.newBuilder().setBuffer(Buffer.newBuilder().setHandle(4).setRecords(1)
        .setPayload(ByteString.copyFrom(bytes(9, 7)))
        .setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
            .addField(15, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(99).build()).build()))
        .build();
    Frame parsed = M.parse(knownLength(withUnknown.toByteArray()));
    assertThat(parsed.handle()).isEqualTo(4);
    NetworkBuffer nb = parsed.buffer();
    assertThat(Arrays.copyOfRange(nb.payload(), nb.offset(), nb.offset() + nb.length())).isEqualTo(bytes(9, 7));
  }

  @Test
  void aTruncatedFrameIsAnError() {
    byte[] wire = protobufBuffer(1, false, 1, 0, bytes(100, 8)).toByteArray();
    assertThatThrownBy(() -> M.parse(new ByteArrayInputStream(Arrays.copyOf(wire, 50))))
        .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("malformed data frame");
  }
}
