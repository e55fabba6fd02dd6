package io.rivulet.runtime.network.grpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.rivulet.proto.data.DataExchangeGrpc;
import io.rivulet.proto.data.DataFrame;
import io.rivulet.runtime.network.NetworkBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Marshals {@link Frame}s as the {@code DataFrame} messages of {@code data.proto}, byte for byte, but without the
 * payload copies of the generated marshaller.
 *
 * <p>Sending a buffer: the few header bytes (the {@code DataFrame.buffer} tag and length, {@code Buffer}'s scalar
 * fields, the payload's tag and length) are encoded with {@link CodedOutputStream}; the payload follows straight
 * from the sender's array, so gRPC copies it once, into its transport buffer. Receiving: the message is read once
 * into an array of its size, and a buffer frame's fields are walked with {@link CodedInputStream}; the payload
 * becomes a region of that array (no {@code ByteString}, no second copy). Frames of other kinds, and any encoding
 * this fast path does not expect, go through the generated protobuf parser.
 */
final class FrameMarshaller implements MethodDescriptor.Marshaller<Frame> {
  static final FrameMarshaller INSTANCE = new FrameMarshaller();

  /** The {@code Connect} method of {@code data.proto} with this marshaller in both directions. */
  static final MethodDescriptor<Frame, Frame> CONNECT = MethodDescriptor.<Frame, Frame>newBuilder()
      .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
      .setFullMethodName(DataExchangeGrpc.getConnectMethod().getFullMethodName())
      .setRequestMarshaller(INSTANCE)
      .setResponseMarshaller(INSTANCE)
      .build();

  private static final int BUFFER = 2; // DataFrame.buffer
  private static final int HANDLE = 1; // Buffer fields
  private static final int EVENT = 2;
  private static final int RECORDS = 3;
  private static final int BACKLOG = 4;
  private static final int PAYLOAD = 5;
  private static final int VARINT = WireFormat.WIRETYPE_VARINT;
  private static final int LENGTH_DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int BUFFER_TAG = BUFFER << 3 | LENGTH_DELIMITED;
  private static final int HANDLE_TAG = HANDLE << 3 | VARINT;
  private static final int EVENT_TAG = EVENT << 3 | VARINT;
  private static final int RECORDS_TAG = RECORDS << 3 | VARINT;
  private static final int BACKLOG_TAG = BACKLOG << 3 | VARINT;
  private static final int PAYLOAD_TAG = PAYLOAD << 3 | LENGTH_DELIMITED;

  private FrameMarshaller() {}

  @Override
  public InputStream stream(Frame frame) {
    if (!frame.isBuffer()) {
      return new FrameStream(frame.control().toByteArray(), null, 0, 0);
    }
    NetworkBuffer b = frame.buffer();
    int handle = frame.handle();
    int backlog = frame.backlog();
    int len = b.length();
    // proto3: fields at their default value are not written
    int fields = (handle != 0 ? CodedOutputStream.computeInt32Size(HANDLE, handle) : 0)
        + (b.event() ? CodedOutputStream.computeBoolSize(EVENT, true) : 0)
        + (b.records() != 0 ? CodedOutputStream.computeInt32Size(RECORDS, b.records()) : 0)
        + (backlog != 0 ? CodedOutputStream.computeInt32Size(BACKLOG, backlog) : 0)
        + (len != 0 ? CodedOutputStream.computeTagSize(PAYLOAD) + CodedOutputStream.computeUInt32SizeNoTag(len) : 0);
    int inner = fields + len;
    byte[] header = new byte[CodedOutputStream.computeTagSize(BUFFER) + CodedOutputStream.computeUInt32SizeNoTag(inner)
        + fields];
    CodedOutputStream out = CodedOutputStream.newInstance(header);
    try {
      out.writeTag(BUFFER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(inner);
      if (handle != 0) {
        out.writeInt32(HANDLE, handle);
      }
      if (b.event()) {
        out.writeBool(EVENT, true);
      }
      if (b.records() != 0) {
        out.writeInt32(RECORDS, b.records());
      }
      if (backlog != 0) {
        out.writeInt32(BACKLOG, backlog);
      }
      if (len != 0) {
        out.writeTag(PAYLOAD, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(len);
      }
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a frame header", e); // the array was sized above: a bug
    }
    return new FrameStream(header, b.payload(), b.offset(), len);
  }

  @Override
  public Frame parse(InputStream stream) {
    try {
      byte[] bytes = readAll(stream);
      Frame fast = parseBuffer(bytes);
      return fast != null ? fast : general(bytes);
    } catch (IOException e) {
      throw Status.INTERNAL.withDescription("malformed data frame").withCause(e).asRuntimeException();
    }
  }

  /** The whole message in one array of its size (gRPC's message streams know their length). */
  private static byte[] readAll(InputStream stream) throws IOException {
    if (!(stream instanceof KnownLength)) {
      return stream.readAllBytes();
    }
    int n = stream.available();
    byte[] bytes = new byte[n];
    int read = 0;
    while (read < n) {
      int r = stream.read(bytes, read, n - read);
      if (r < 0) {
        throw new IOException("message ended after " + read + " of " + n + " bytes");
      }
      read += r;
    }
    if (stream.available() > 0) { // not expected of a KnownLength stream; stay correct anyway
      byte[] rest = stream.readAllBytes();
      bytes = Arrays.copyOf(bytes, n + rest.length);
      System.arraycopy(rest, 0, bytes, n, rest.length);
    }
    return bytes;
  }

  /** A frame that is exactly one {@code DataFrame.buffer}, its payload left in place; else null. */
  private static Frame parseBuffer(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes, 0, bytes.length);
    if (in.readTag() != BUFFER_TAG) {
      return null;
    }
    int limit = in.pushLimit(in.readRawVarint32());
    int handle = 0;
    boolean event = false;
    int records = 0;
    int backlog = 0;
    int offset = 0;
    int length = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case HANDLE_TAG -> handle = in.readInt32();
        case EVENT_TAG -> event = in.readBool();
        case RECORDS_TAG -> records = in.readInt32();
        case BACKLOG_TAG -> backlog = in.readInt32();
        case PAYLOAD_TAG -> {
          length = in.readRawVarint32();
          offset = in.getTotalBytesRead(); // the stream started at index 0 of bytes
          in.skipRawBytes(length);
        }
        default -> {
          return null; // a field this path does not know (or an unexpected wire type): the general parser decides
        }
      }
    }
    in.popLimit(limit);
    if (!in.isAtEnd()) {
      return null; // more top-level fields: let protobuf apply its merge rules
    }
    return Frame.buffer(handle, backlog, new NetworkBuffer(bytes, offset, length, records, event));
  }

  private static Frame general(byte[] bytes) throws InvalidProtocolBufferException {
    DataFrame f = DataFrame.parser().parseFrom(bytes);
    if (!f.hasBuffer()) {
      return Frame.control(f);
    }
    var b = f.getBuffer();
    byte[] payload = b.getPayload().toByteArray();
    return Frame.buffer(b.getHandle(), b.getBacklog(), new NetworkBuffer(payload, 0, payload.length, b.getRecords(),
        b.getEvent()));
  }

  /**
   * A frame's bytes: header then payload region. gRPC drains it into its transport buffer ({@link Drainable});
   * other readers (the in-process transport) read it as a plain stream.
   */
  static final class FrameStream extends InputStream implements Drainable, KnownLength {
    private final byte[] header;
    private final byte[] payload;
    private final int payloadOffset;
    private final int payloadLength;
    /** Bytes consumed so far, over header and payload. */
    private int position;

    FrameStream(byte[] header, byte[] payload, int payloadOffset, int payloadLength) {
      this.header = header;
      this.payload = payload;
      this.payloadOffset = payloadOffset;
      this.payloadLength = payloadLength;
    }

    private int size() {
      return header.length + payloadLength;
    }

    @Override
    public int available() {
      return size() - position;
    }

    @Override
    public int read() {
      if (position >= size()) {
        return -1;
      }
      int p = position++;
      return (p < header.length ? header[p] : payload[payloadOffset + p - header.length]) & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (position >= size()) {
        return -1;
      }
      int done = 0;
      if (position < header.length) {
        int n = Math.min(len, header.length - position);
        System.arraycopy(header, position, b, off, n);
        position += n;
        done = n;
      }
      if (done < len && position < size()) {
        int from = position - header.length;
        int n = Math.min(len - done, payloadLength - from);
        System.arraycopy(payload, payloadOffset + from, b, off + done, n);
        position += n;
        done += n;
      }
      return done;
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int n = available();
      if (position < header.length) {
        target.write(header, position, header.length - position);
        position = header.length;
      }
      if (position < size()) {
        int from = position - header.length;
        target.write(payload, payloadOffset + from, payloadLength - from);
        position = size();
      }
      return n;
    }
  }
}
