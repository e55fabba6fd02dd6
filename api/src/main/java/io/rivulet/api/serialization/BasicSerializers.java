package io.rivulet.api.serialization;

import java.io.IOException;

/** Serializers for boxed primitives, strings and byte arrays. Each is a stateless singleton. */
public final class BasicSerializers {
  private BasicSerializers() {}

  /** Base for the stateless immutable serializers below. */
  abstract static class Basic<T> implements TypeSerializer<T> {
    private final Class<T> type;

    Basic(Class<T> type) {
      this.type = type;
    }

    @Override
    public T copy(T value) {
      return value;
    }

    @Override
    public boolean isImmutable() {
      return true;
    }

    @Override
    public String typeName() {
      return type.getSimpleName();
    }

    @Override
    public Class<T> typeClass() {
      return type;
    }

    @Override
    public TypeSerializerSnapshot<T> snapshot() {
      return new SingletonSerializerSnapshot<>(this, 1);
    }

    @Override
    public String toString() {
      return typeName();
    }

    @Override
    public boolean equals(Object o) {
      return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
      return getClass().hashCode();
    }
  }

  public static final class LongSerializer extends Basic<Long> {
    public static final LongSerializer INSTANCE = new LongSerializer();

    public LongSerializer() {
      super(Long.class);
    }

    @Override
    public void serialize(Long value, DataOutputView out) throws IOException {
      out.writeLong(value);
    }

    @Override
    public Long deserialize(DataInputView in) throws IOException {
      return in.readLong();
    }
  }

  public static final class IntSerializer extends Basic<Integer> {
    public static final IntSerializer INSTANCE = new IntSerializer();

    public IntSerializer() {
      super(Integer.class);
    }

    @Override
    public void serialize(Integer value, DataOutputView out) throws IOException {
      out.writeInt(value);
    }

    @Override
    public Integer deserialize(DataInputView in) throws IOException {
      return in.readInt();
    }
  }

  public static final class ShortSerializer extends Basic<Short> {
    public static final ShortSerializer INSTANCE = new ShortSerializer();

    public ShortSerializer() {
      super(Short.class);
    }

    @Override
    public void serialize(Short value, DataOutputView out) throws IOException {
      out.writeShort(value);
    }

    @Override
    public Short deserialize(DataInputView in) throws IOException {
      return in.readShort();
    }
  }

  public static final class ByteSerializer extends Basic<Byte> {
    public static final ByteSerializer INSTANCE = new ByteSerializer();

    public ByteSerializer() {
      super(Byte.class);
    }

    @Override
    public void serialize(Byte value, DataOutputView out) throws IOException {
      out.writeByte(value);
    }

    @Override
    public Byte deserialize(DataInputView in) throws IOException {
      return in.readByte();
    }
  }

  public static final class BooleanSerializer extends Basic<Boolean> {
    public static final BooleanSerializer INSTANCE = new BooleanSerializer();

    public BooleanSerializer() {
      super(Boolean.class);
    }

    @Override
    public void serialize(Boolean value, DataOutputView out) throws IOException {
      out.writeBoolean(value);
    }

    @Override
    public Boolean deserialize(DataInputView in) throws IOException {
      return in.readBoolean();
    }
  }

  public static final class CharSerializer extends Basic<Character> {
    public static final CharSerializer INSTANCE = new CharSerializer();

    public CharSerializer() {
      super(Character.class);
    }

    @Override
    public void serialize(Character value, DataOutputView out) throws IOException {
      out.writeChar(value);
    }

    @Override
    public Character deserialize(DataInputView in) throws IOException {
      return in.readChar();
    }
  }

  public static final class DoubleSerializer extends Basic<Double> {
    public static final DoubleSerializer INSTANCE = new DoubleSerializer();

    public DoubleSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, DataOutputView out) throws IOException {
      out.writeDouble(value);
    }

    @Override
    public Double deserialize(DataInputView in) throws IOException {
      return in.readDouble();
    }
  }

  public static final class FloatSerializer extends Basic<Float> {
    public static final FloatSerializer INSTANCE = new FloatSerializer();

    public FloatSerializer() {
      super(Float.class);
    }

    @Override
    public void serialize(Float value, DataOutputView out) throws IOException {
      out.writeFloat(value);
    }

    @Override
    public Float deserialize(DataInputView in) throws IOException {
      return in.readFloat();
    }
  }

  /** Strings, null allowed. */
  public static final class StringSerializer extends Basic<String> {
    public static final StringSerializer INSTANCE = new StringSerializer();

    public StringSerializer() {
      super(String.class);
    }

    @Override
    public void serialize(String value, DataOutputView out) throws IOException {
      out.writeString(value);
    }

    @Override
    public String deserialize(DataInputView in) throws IOException {
      return in.readString();
    }
  }

  /** Byte arrays, null allowed; copies are real copies because arrays are mutable. */
  public static final class BytesSerializer extends Basic<byte[]> {
    public static final BytesSerializer INSTANCE = new BytesSerializer();

    public BytesSerializer() {
      super(byte[].class);
    }

    @Override
    public byte[] copy(byte[] value) {
      return value == null ? null : value.clone();
    }

    @Override
    public boolean isImmutable() {
      return false;
    }

    @Override
    public String typeName() {
      return "byte[]";
    }

    @Override
    public void serialize(byte[] value, DataOutputView out) throws IOException {
      if (value == null) {
        out.writeVarInt(0);
        return;
      }
      out.writeVarInt(value.length + 1);
      out.write(value);
    }

    @Override
    public byte[] deserialize(DataInputView in) throws IOException {
      int n = in.readVarInt() - 1;
      if (n < 0) {
        return null;
      }
      int left = in.available();
      if (left >= 0 && n > left) {
        throw new java.io.EOFException("byte[] of " + n + " bytes but only " + left + " left");
      }
      byte[] b = new byte[n];
      in.readFully(b);
      return b;
    }
  }
}
