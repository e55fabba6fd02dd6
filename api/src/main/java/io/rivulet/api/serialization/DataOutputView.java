package io.rivulet.api.serialization;

import java.io.IOException;

/**
 * Where serializers write. Big-endian fixed-width primitives plus two compact forms used throughout
 * Rivulet's formats: {@link #writeVarInt} (unsigned LEB128) and {@link #writeString} (length-prefixed,
 * null-capable, not limited to 64 KiB like {@code DataOutput.writeUTF}).
 */
public interface DataOutputView {
  void writeByte(int v) throws IOException;

  void writeBoolean(boolean v) throws IOException;

  void writeShort(int v) throws IOException;

  void writeChar(int v) throws IOException;

  void writeInt(int v) throws IOException;

  void writeLong(long v) throws IOException;

  void writeFloat(float v) throws IOException;

  void writeDouble(double v) throws IOException;

  void write(byte[] b, int off, int len) throws IOException;

  default void write(byte[] b) throws IOException {
    write(b, 0, b.length);
  }

  /** Unsigned variable-length int: 1 byte below 128, at most 5 bytes. Negative values take 5 bytes. */
  default void writeVarInt(int v) throws IOException {
    while ((v & ~0x7F) != 0) {
      writeByte((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    writeByte(v);
  }

  /**
   * A string, or null: var-int of (char count + 1), 0 for null, then each UTF-16 char in 1-3 bytes
   * (ASCII in one byte). Chars are encoded one by one, so a surrogate pair becomes two 3-byte units
   * (CESU-8 style) and even an unpaired surrogate survives the round trip, which strict UTF-8 would reject.
   */
  default void writeString(String s) throws IOException {
    if (s == null) {
      writeVarInt(0);
      return;
    }
    int n = s.length();
    writeVarInt(n + 1);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        writeByte(c);
      } else if (c < 0x800) {
        writeByte(0xC0 | (c >> 6));
        writeByte(0x80 | (c & 0x3F));
      } else {
        writeByte(0xE0 | (c >> 12));
        writeByte(0x80 | ((c >> 6) & 0x3F));
        writeByte(0x80 | (c & 0x3F));
      }
    }
  }
}
