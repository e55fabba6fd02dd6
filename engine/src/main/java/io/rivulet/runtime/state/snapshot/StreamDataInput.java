package io.rivulet.runtime.state.snapshot;

import io.rivulet.api.serialization.DataInputView;
import java.io.DataInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A {@link DataInputView} over a stream that knows its position, so a reader can skip to a key group. */
final class StreamDataInput implements DataInputView {
  private final Counting counting;
  private final DataInputStream in;

  StreamDataInput(InputStream stream) {
    this.counting = new Counting(stream);
    this.in = new DataInputStream(counting);
  }

  long position() {
    return counting.position;
  }

  /** Moves forward to {@code target}; the format's key groups are read in ascending offset order. */
  void skipTo(long target) throws IOException {
    long n = target - counting.position;
    if (n < 0) {
      throw new IOException("corrupt snapshot: key group offset " + target + " lies before position "
          + counting.position);
    }
    in.skipNBytes(n);
  }

  @Override
  public byte readByte() throws IOException {
    return in.readByte();
  }

  @Override
  public boolean readBoolean() throws IOException {
    return in.readBoolean();
  }

  @Override
  public short readShort() throws IOException {
    return in.readShort();
  }

  @Override
  public char readChar() throws IOException {
    return in.readChar();
  }

  @Override
  public int readInt() throws IOException {
    return in.readInt();
  }

  @Override
  public long readLong() throws IOException {
    return in.readLong();
  }

  @Override
  public float readFloat() throws IOException {
    return in.readFloat();
  }

  @Override
  public double readDouble() throws IOException {
    return in.readDouble();
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws IOException {
    in.readFully(b, off, len);
  }

  /** Counts what passes through; DataInputStream does not buffer, so the count is the read position. */
  private static final class Counting extends FilterInputStream {
    long position;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        position++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        position += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      if (s > 0) {
        position += s;
      }
      return s;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
