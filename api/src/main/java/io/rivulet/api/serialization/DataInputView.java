package io.rivulet.api.serialization;

import java.io.EOFException;
import java.io.IOException;

/** Where serializers read; the mirror of {@link DataOutputView}. */
public interface DataInputView {
  byte readByte() throws IOException;

  boolean readBoolean() throws IOException;

  short readShort() throws IOException;

  char readChar() throws IOException;

  int readInt() throws IOException;

  long readLong() throws IOException;

  float readFloat() throws IOException;

  double readDouble() throws IOException;

  void readFully(byte[] b, int off, int len) throws IOException;

  default void readFully(byte[] b) throws IOException {
    readFully(b, 0, b.length);
  }

  /** Bytes left before the end of this input, or -1 when the input does not know. */
  default int available() {
    return -1;
  }

  default int readVarInt() throws IOException {
    int result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = readByte();
      result |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IOException("malformed var-int: more than 5 bytes");
  }

  /** Reads what {@link DataOutputView#writeString} wrote; a byte that cannot start or continue a char fails. */
  default String readString() throws IOException {
    int n = readVarInt() - 1;
    if (n < 0) {
      return null;
    }
    int left = available();
    if (left >= 0 && n > left) {
      throw new EOFException("string of " + n + " chars but only " + left + " bytes left");
    }
    char[] chars = new char[n];
    for (int i = 0; i < n; i++) {
      int b = readByte() & 0xFF;
      if (b < 0x80) {
        chars[i] = (char) b;
      } else if ((b & 0xE0) == 0xC0) {
        chars[i] = (char) (((b & 0x1F) << 6) | continuation(readByte()));
      } else if ((b & 0xF0) == 0xE0) {
        int b2 = continuation(readByte());
        chars[i] = (char) (((b & 0x0F) << 12) | (b2 << 6) | continuation(readByte()));
      } else {
        throw malformedString(b);
      }
    }
    return new String(chars);
  }

  /** The 6 payload bits of a continuation byte; anything else means the bytes are not a string. */
  private static int continuation(byte b) throws IOException {
    if ((b & 0xC0) != 0x80) {
      throw malformedString(b & 0xFF);
    }
    return b & 0x3F;
  }

  private static IOException malformedString(int b) {
    return new IOException("malformed string: unexpected byte 0x" + Integer.toHexString(b)
        + " (the data was not written by writeString, or the reader is out of step with the writer)");
  }
}
