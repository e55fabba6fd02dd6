package io.rivulet.api.serialization;

import java.io.EOFException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Reads from a byte array region; reusable with {@link #setBuffer}. Not thread-safe. */
public final class DataInputDeserializer implements DataInputView {
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private byte[] buffer;
  private int position;
  private int end;

  public DataInputDeserializer() {
    this(new byte[0]);
  }

  public DataInputDeserializer(byte[] buffer) {
    setBuffer(buffer, 0, buffer.length);
  }

  public void setBuffer(byte[] buffer, int offset, int length) {
    this.buffer = buffer;
    this.position = offset;
    this.end = offset + length;
  }

  public int position() {
    return position;
  }

  @Override
  public int available() {
    return end - position;
  }

  private void need(int n) throws EOFException {
    if (position + n > end) {
      throw new EOFException("needed " + n + " bytes, " + (end - position) + " left");
    }
  }

  @Override
  public byte readByte() throws EOFException {
    need(1);
    return buffer[position++];
  }

  @Override
  public boolean readBoolean() throws EOFException {
    return readByte() != 0;
  }

  @Override
  public short readShort() throws EOFException {
    need(2);
    short v = (short) SHORT.get(buffer, position);
    position += 2;
    return v;
  }

  @Override
  public char readChar() throws EOFException {
    return (char) readShort();
  }

  @Override
  public int readInt() throws EOFException {
    need(4);
    int v = (int) INT.get(buffer, position);
    position += 4;
    return v;
  }

  @Override
  public long readLong() throws EOFException {
    need(8);
    long v = (long) LONG.get(buffer, position);
    position += 8;
    return v;
  }

  @Override
  public float readFloat() throws EOFException {
    return Float.intBitsToFloat(readInt());
  }

  @Override
  public double readDouble() throws EOFException {
    return Double.longBitsToDouble(readLong());
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws EOFException {
    need(len);
    System.arraycopy(buffer, position, b, off, len);
    position += len;
  }

  public void skip(int n) throws EOFException {
    need(n);
    position += n;
  }
}
