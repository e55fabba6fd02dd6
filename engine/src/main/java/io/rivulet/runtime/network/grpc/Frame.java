package io.rivulet.runtime.network.grpc;

import com.google.protobuf.UnsafeByteOperations;
import io.rivulet.proto.data.Buffer;
import io.rivulet.proto.data.DataFrame;
import io.rivulet.runtime.network.NetworkBuffer;

/**
 * One message of a data stream, as the transport handles it. A buffer frame keeps its payload as a
 * {@link NetworkBuffer} (an array region), so that neither side copies the bytes into or out of a protobuf
 * {@code ByteString}; the other kinds (open, credit, backlog: small, rare) are the protobuf {@link DataFrame}.
 * On the wire both are exactly the {@code DataFrame} of {@code data.proto}: see {@link FrameMarshaller}.
 * Immutable.
 */
final class Frame {
  private final DataFrame control;
  private final int handle;
  private final int backlog;
  private final NetworkBuffer buffer;

  private Frame(DataFrame control, int handle, int backlog, NetworkBuffer buffer) {
    this.control = control;
    this.handle = handle;
    this.backlog = backlog;
    this.buffer = buffer;
  }

  /** An open, credit or backlog frame. */
  static Frame control(DataFrame frame) {
    if (frame.hasBuffer()) {
      throw new IllegalArgumentException("a buffer frame is built with Frame.buffer");
    }
    return new Frame(frame, 0, 0, null);
  }

  /** A data or event buffer of channel {@code handle}, with the sender's backlog behind it. */
  static Frame buffer(int handle, int backlog, NetworkBuffer buffer) {
    return new Frame(null, handle, backlog, buffer);
  }

  boolean isBuffer() {
    return buffer != null;
  }

  /** The protobuf frame of a non-buffer frame (null for a buffer frame). */
  DataFrame control() {
    return control;
  }

  int handle() {
    return handle;
  }

  int backlog() {
    return backlog;
  }

  NetworkBuffer buffer() {
    return buffer;
  }

  /** The same frame as protobuf (the payload copied): for tests and diagnostics, not the data path. */
  DataFrame toDataFrame() {
    if (control != null) {
      return control;
    }
    byte[] copy = java.util.Arrays.copyOfRange(buffer.payload(), buffer.offset(), buffer.offset() + buffer.length());
    return DataFrame.newBuilder().setBuffer(Buffer.newBuilder().setHandle(handle).setEvent(buffer.event())
        .setRecords(buffer.records()).setBacklog(backlog).setPayload(UnsafeByteOperations.unsafeWrap(copy))).build();
  }
}
