package io.rivulet.api.serialization;

import static io.rivulet.api.serialization.SerializerChecks.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.tuple.Tuple2;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.WithNull;
import org.junit.jupiter.api.Test;

class BuiltInSerializersTest {
  enum Suit { CLUBS, DIAMONDS, HEARTS, SPADES }

  @Provide
  Arbitrary<String> unicode() {
    return SerializerChecks.unicodeStrings().injectNull(0.05);
  }

  @Property(tries = 200)
  void primitives(@ForAll long l, @ForAll int i, @ForAll short s, @ForAll byte b, @ForAll boolean z, @ForAll char c,
      @ForAll double d, @ForAll float f) {
    check(Types.LONG, l);
    check(Types.INT, i);
    check(Types.SHORT, s);
    check(Types.BYTE, b);
    check(Types.BOOLEAN, z);
    check(Types.CHAR, c);
    check(Types.DOUBLE, d);
    check(Types.FLOAT, f);
  }

  @Property(tries = 200)
  void strings(@ForAll("unicode") String s) {
    check(Types.STRING, s);
  }

  @Property(tries = 200)
  void arrays(@ForAll @WithNull byte[] bytes, @ForAll @WithNull long[] longs, @ForAll @WithNull int[] ints,
      @ForAll @WithNull double[] doubles, @ForAll @WithNull String[] strings) {
    check(Types.BYTES, bytes);
    check(Types.LONG_ARRAY, longs);
    check(Types.INT_ARRAY, ints);
    check(Types.DOUBLE_ARRAY, doubles);
    check(Types.STRING_ARRAY, strings);
  }

  @Property(tries = 200)
  void listsWithNullElements(@ForAll @WithNull List<@WithNull String> strings, @ForAll List<@WithNull Long> longs,
      @ForAll List<@WithNull byte[]> arrays) {
    check(Types.listOf(Types.STRING), strings);
    check(Types.listOf(Types.LONG), longs);
    check(Types.listOf(Types.BYTES), arrays);
    check(Types.listOf(Types.LONG), longs == null ? null : new LinkedList<>(longs));
  }

  @Property(tries = 200)
  void mapsWithNullValues(@ForAll @WithNull Map<String, @WithNull Long> counts,
      @ForAll Map<Integer, @WithNull List<@WithNull Double>> nested) {
    check(Types.mapOf(Types.STRING, Types.LONG), counts);
    check(Types.mapOf(Types.INT, Types.listOf(Types.DOUBLE)), nested);
  }

  @Property(tries = 200)
  void setsWithNull(@ForAll @WithNull Set<@WithNull Integer> ints, @ForAll Set<Suit> suits) {
    check(Types.setOf(Types.INT), ints);
    check(Types.setOf(Types.enumOf(Suit.class)), suits);
  }

  @Property(tries = 200)
  void nullableAndEnums(@ForAll @WithNull Long l, @ForAll @WithNull Suit suit) {
    check(Types.nullable(Types.LONG), l);
    check(Types.nullable(Types.enumOf(Suit.class)), suit);
  }

  @Property(tries = 200)
  void tuples(@ForAll("unicode") String word, @ForAll long count, @ForAll byte[] payload) {
    check(Types.tuple2(Types.STRING, Types.LONG), Tuple2.of(word, count));
    check(Types.tuple2(Types.nullable(Types.LONG), Types.BYTES), Tuple2.of(null, payload));
  }

  @Test
  void copiesOfMutableValuesAreIndependent() {
    List<byte[]> list = new ArrayList<>(List.of(new byte[] {1, 2}));
    List<byte[]> listCopy = Types.listOf(Types.BYTES).copy(list);
    listCopy.get(0)[0] = 9;
    listCopy.add(new byte[0]);
    assertThat(list).hasSize(1);
    assertThat(list.get(0)[0]).isEqualTo((byte) 1);

    Map<String, List<Long>> map = new HashMap<>(Map.of("a", new ArrayList<>(List.of(1L))));
    Map<String, List<Long>> mapCopy = Types.mapOf(Types.STRING, Types.listOf(Types.LONG)).copy(map);
    mapCopy.get("a").add(2L);
    assertThat(map.get("a")).containsExactly(1L);

    Tuple2<String, long[]> t = Tuple2.of("k", new long[] {5});
    TypeSerializer<Tuple2<String, long[]>> ts = Types.tuple2(Types.STRING, Types.LONG_ARRAY);
    assertThat(ts.isImmutable()).isFalse();
    ts.copy(t).f1()[0] = 6;
    assertThat(t.f1()[0]).isEqualTo(5);

    TypeSerializer<Tuple2<String, Long>> wordCount = Types.tuple2(Types.STRING, Types.LONG);
    assertThat(wordCount.isImmutable()).isTrue();
    Tuple2<String, Long> w = Tuple2.of("w", 1L);
    assertThat(wordCount.copy(w)).isSameAs(w);
  }

  @Test
  void nullMapKeysAreRefusedWithAMessage() {
    Map<String, Long> m = new HashMap<>();
    m.put(null, 1L);
    assertThatThrownBy(() -> SerializerChecks.bytes(Types.mapOf(Types.STRING, Types.LONG), m))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("null key");
  }

  @Test
  void corruptLengthsFailBeforeAllocating() {
    // a list claiming 1,000,000 elements in a 4-byte input
    DataOutputSerializer out = new DataOutputSerializer();
    out.writeVarInt(1_000_001);
    assertThatThrownBy(() -> Types.listOf(Types.LONG).deserialize(new DataInputDeserializer(out.toByteArray())))
        .isInstanceOf(java.io.EOFException.class).hasMessageContaining("1000000");
  }

  @Test
  void typeNamesReadWell() {
    assertThat(Types.mapOf(Types.STRING, Types.listOf(Types.nullable(Types.LONG))).typeName())
        .isEqualTo("Map<String, List<Long?>>");
    assertThat(Types.tuple2(Types.STRING, Types.LONG).typeName()).isEqualTo("Tuple2<String, Long>");
  }
}
