package io.rivulet.api.serialization;

import java.io.IOException;

/**
 * Serializers for {@code long[]}, {@code int[]}, {@code double[]} and {@code String[]}: a length prefix
 * (null allowed, see {@link Lengths}) then the elements. Arrays are mutable, so copies are real copies.
 * Each serializer is a stateless singleton.
 */
public final class ArraySerializers {
  private ArraySerializers() {}

  /** Base for the stateless array serializers below. */
  abstract static class ArraySerializer<T> implements TypeSerializer<T> {
    private static final long serialVersionUID = 1L;
    private final Class<T> type;

    ArraySerializer(Class<T> type) {
      this.type = type;
    }

    @Override
    public boolean isImmutable() {
      return false;
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

  public static final class LongArraySerializer extends ArraySerializer<long[]> {
    public static final LongArraySerializer INSTANCE = new LongArraySerializer();

    public LongArraySerializer() {
      super(long[].class);
    }

    @Override
    public void serialize(long[] value, DataOutputView out) throws IOException {
      if (value == null) {
        Lengths.writeNull(out);
        return;
      }
      Lengths.write(value.length, out);
      for (long v : value) {
        out.writeLong(v);
      }
    }

    @Override
    public long[] deserialize(DataInputView in) throws IOException {
      int n = Lengths.read(in, Long.BYTES, "long[]");
      if (n < 0) {
        return null;
      }
      long[] a = new long[n];
      for (int i = 0; i < n; i++) {
        a[i] = in.readLong();
      }
      return a;
    }

    @Override
    public long[] copy(long[] value) {
      return value == null ? null : value.clone();
    }
  }

  public static final class IntArraySerializer extends ArraySerializer<int[]> {
    public static final IntArraySerializer INSTANCE = new IntArraySerializer();

    public IntArraySerializer() {
      super(int[].class);
    }

    @Override
    public void serialize(int[] value, DataOutputView out) throws IOException {
      if (value == null) {
        Lengths.writeNull(out);
        return;
      }
      Lengths.write(value.length, out);
      for (int v : value) {
        out.writeInt(v);
      }
    }

    @Override
    public int[] deserialize(DataInputView in) throws IOException {
      int n = Lengths.read(in, Integer.BYTES, "int[]");
      if (n < 0) {
        return null;
      }
      int[] a = new int[n];
      for (int i = 0; i < n; i++) {
        a[i] = in.readInt();
      }
      return a;
    }

    @Override
    public int[] copy(int[] value) {
      return value == null ? null : value.clone();
    }
  }

  public static final class DoubleArraySerializer extends ArraySerializer<double[]> {
    public static final DoubleArraySerializer INSTANCE = new DoubleArraySerializer();

    public DoubleArraySerializer() {
      super(double[].class);
    }

    @Override
    public void serialize(double[] value, DataOutputView out) throws IOException {
      if (value == null) {
        Lengths.writeNull(out);
        return;
      }
      Lengths.write(value.length, out);
      for (double v : value) {
        out.writeDouble(v);
      }
    }

    @Override
    public double[] deserialize(DataInputView in) throws IOException {
      int n = Lengths.read(in, Double.BYTES, "double[]");
      if (n < 0) {
        return null;
      }
      double[] a = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = in.readDouble();
      }
      return a;
    }

    @Override
    public double[] copy(double[] value) {
      return value == null ? null : value.clone();
    }
  }

  /** String arrays; the array and each element may be null (strings carry their own null marker). */
  public static final class StringArraySerializer extends ArraySerializer<String[]> {
    public static final StringArraySerializer INSTANCE = new StringArraySerializer();

    public StringArraySerializer() {
      super(String[].class);
    }

    @Override
    public void serialize(String[] value, DataOutputView out) throws IOException {
      if (value == null) {
        Lengths.writeNull(out);
        return;
      }
      Lengths.write(value.length, out);
      for (String v : value) {
        out.writeString(v);
      }
    }

    @Override
    public String[] deserialize(DataInputView in) throws IOException {
      int n = Lengths.read(in, 1, "String[]");
      if (n < 0) {
        return null;
      }
      String[] a = new String[n];
      for (int i = 0; i < n; i++) {
        a[i] = in.readString();
      }
      return a;
    }

    @Override
    public String[] copy(String[] value) {
      // strings are immutable: a shallow clone is a deep copy
      return value == null ? null : value.clone();
    }
  }
}
