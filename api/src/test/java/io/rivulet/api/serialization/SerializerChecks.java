package io.rivulet.api.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** The checks every serializer must pass, shared by the built-in tests. */
final class SerializerChecks {
  private SerializerChecks() {}

  static <T> byte[] bytes(TypeSerializer<T> s, T value) {
    DataOutputSerializer out = new DataOutputSerializer(8);
    try {
      s.serialize(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Reads one value and asserts that it used up exactly the given bytes. */
  static <T> T read(TypeSerializer<T> s, byte[] bytes) {
    DataInputDeserializer in = new DataInputDeserializer(bytes);
    try {
      T value = s.deserialize(in);
      assertThat(in.available()).as("bytes left after reading %s", s.typeName()).isZero();
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a snapshot as a checkpoint would and reads it back with this test's class loader. */
  static <T> TypeSerializerSnapshot<T> writeAndRead(TypeSerializerSnapshot<T> snapshot) {
    DataOutputSerializer out = new DataOutputSerializer();
    try {
      TypeSerializerSnapshots.write(snapshot, out);
      DataInputDeserializer in = new DataInputDeserializer(out.toByteArray());
      TypeSerializerSnapshot<T> read = TypeSerializerSnapshots.read(in, SerializerChecks.class.getClassLoader());
      assertThat(in.available()).as("bytes left after reading the snapshot").isZero();
      return read;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Round trip, copy, snapshot and Java serialization of the serializer itself: the value read back equals
   * the value, a copy equals it and is a distinct object when the type is mutable, and a serializer
   * restored from the written snapshot reads the bytes the same way.
   */
  static <T> void check(TypeSerializer<T> s, T value) {
    byte[] bytes = bytes(s, value);
    assertEqual(read(s, bytes), value);

    T copy = s.copy(value);
    assertEqual(copy, value);
    if (!s.isImmutable() && value != null) {
      assertThat(copy).as("copy of a mutable %s", s.typeName()).isNotSameAs(value);
    }

    TypeSerializerSnapshot<T> snapshot = writeAndRead(s.snapshot());
    assertThat(snapshot.resolveCompatibility(s).kind()).isEqualTo(TypeSerializerSnapshot.Compatibility.Kind.COMPATIBLE_AS_IS);
    assertEqual(read(snapshot.restoreSerializer(), bytes), value);

    TypeSerializer<T> shipped = javaRoundTrip(s);
    assertThat(bytes(shipped, value)).isEqualTo(bytes);
    assertEqual(read(s.duplicate(), bytes), value);
  }

  /** Deep equality that looks into arrays, also inside records and collections. */
  static void assertEqual(Object actual, Object expected) {
    if (!DeepEquals.deepEquals(actual, expected)) {
      throw new AssertionError("expected " + show(expected) + " but was " + show(actual));
    }
  }

  private static String show(Object o) {
    return o instanceof Object[] a ? java.util.Arrays.deepToString(a)
        : o != null && o.getClass().isArray() ? java.util.Arrays.deepToString(new Object[] {o}) : String.valueOf(o);
  }

  /** Serializers travel inside the job graph by Java serialization. */
  @SuppressWarnings("unchecked")
  static <T> T javaRoundTrip(T object) {
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (ObjectOutputStream o = new ObjectOutputStream(b)) {
        o.writeObject(object);
      }
      try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
        return (T) i.readObject();
      }
    } catch (IOException | ClassNotFoundException e) {
      throw new AssertionError("cannot Java-serialize " + object, e);
    }
  }

  /**
   * Strings over all of UTF-16: ASCII, BMP chars, supplementary code points (surrogate pairs) and lone
   * surrogates, which a Java String may hold and a serializer must not lose.
   */
  static Arbitrary<String> unicodeStrings() {
    Arbitrary<String> piece = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.chars().range(' ', '~').map(String::valueOf)),
        net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u0080', '\uffff').map(String::valueOf)),
        net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10FFFF).map(Character::toString)),
        net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\ud800', '\udfff').map(String::valueOf)));
    return piece.list().ofMaxSize(40).map(l -> String.join("", l));
  }
}
