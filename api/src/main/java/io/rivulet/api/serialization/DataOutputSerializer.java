package io.rivulet.api.serialization;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte array to serialize into. Not thread-safe: one owner (usually a task thread) reuses it
 * with {@link #clear()} so that serializing a record allocates nothing once the array has grown.
 */
public final class DataOutputSerializer implements DataOutputView {
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static final int STRING_CHUNK = 8192;

  private byte[] buffer;
  private int position;

  public DataOutputSerializer(int initialSize) {
    buffer = new byte[Math.max(16, initialSize)];
  }

  public DataOutputSerializer() {
    this(256);
  }

  /** The backing array; valid bytes are {@code [0, length())}. */
  public byte[] buffer() {
    return buffer;
  }

  public int length() {
    return position;
  }

  public void clear() {
    position = 0;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, position);
  }

  /** Overwrites a big-endian int at an earlier position (for length prefixes written afterwards). */
  public void putIntAt(int pos, int v) {
    INT.set(buffer, pos, v);
  }

  private void ensure(int extra) {
    if (position + extra > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + extra));
    }
  }

  @Override
  public void writeByte(int v) {
    ensure(1);
    buffer[position++] = (byte) v;
  }

  @Override
  public void writeBoolean(boolean v) {
    writeByte(v ? 1 : 0);
  }

  @Override
  public void writeShort(int v) {
    ensure(2);
    SHORT.set(buffer, position, (short) v);
    position += 2;
  }

  @Override
  public void writeChar(int v) {
    writeShort(v);
  }

  @Override
  public void writeInt(int v) {
    ensure(4);
    INT.set(buffer, position, v);
    position += 4;
  }

  @Override
  public void writeLong(long v) {
    ensure(8);
    LONG.set(buffer, position, v);
    position += 8;
  }

  @Override
  public void writeFloat(float v) {
    writeInt(Float.floatToIntBits(v));
  }

  @Override
  public void writeDouble(double v) {
    writeLong(Double.doubleToLongBits(v));
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buffer, position, len);
    position += len;
  }

  @Override
  public void writeVarInt(int v) {
    ensure(5);
    while ((v & ~0x7F) != 0) {
      buffer[position++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buffer[position++] = (byte) v;
  }

  /**
   * Same bytes as {@link DataOutputView#writeString}, with one capacity check per chunk of chars instead of
   * one per byte (chunks keep the 3-bytes-per-char reservation small for huge strings).
   */
  @Override
  public void writeString(String s) {
    if (s == null) {
      writeVarInt(0);
      return;
    }
    int n = s.length();
    writeVarInt(n + 1);
    for (int from = 0; from < n; from += STRING_CHUNK) {
      int to = Math.min(n, from + STRING_CHUNK);
      ensure(3 * (to - from));
      byte[] b = buffer;
      int p = position;
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        if (c < 0x80) {
          b[p++] = (byte) c;
        } else if (c < 0x800) {
          b[p++] = (byte) (0xC0 | (c >> 6));
          b[p++] = (byte) (0x80 | (c & 0x3F));
        } else {
          b[p++] = (byte) (0xE0 | (c >> 12));
          b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
          b[p++] = (byte) (0x80 | (c & 0x3F));
        }
      }
      position = p;
    }
  }
}
