package io.rivulet.builtins.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.serialization.Types;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The JSON form of the built-in record types: exact text, round trips, and what the reader refuses. */
class RecordJsonTest {

  @Test
  void recordsAreCompactObjectsOfTheirFieldsInDeclarationOrder() {
    assertThat(new KeySummary(3, 10000, 0, 9999).toJson())
        .isEqualTo("{\"key\":3,\"records\":10000,\"violations\":0,\"lastSeq\":9999}");
    assertThat(RecordType.KEY_SUMMARY.toJson(KeySummary.first(7)))
        .isEqualTo("{\"key\":7,\"records\":0,\"violations\":0,\"lastSeq\":-1}");
    assertThat(RecordType.SEQ_EVENT.toJson(new SeqEvent(-2, Long.MAX_VALUE)))
        .isEqualTo("{\"key\":-2,\"seq\":9223372036854775807}");
    assertThat(RecordType.WINDOW_COUNT.toJson(new WindowCount(1, 2, 3)))
        .isEqualTo("{\"key\":1,\"window\":2,\"count\":3}");
    assertThat(RecordType.NUMBER.toJson(Long.MIN_VALUE)).isEqualTo("{\"value\":-9223372036854775808}");
    assertThat(RecordType.SEQ_EVENT.appendJson(new SeqEvent(1, 2), new StringBuilder("x=")).toString())
        .isEqualTo("x={\"key\":1,\"seq\":2}");
  }

  @Property
  void keySummariesSurviveTheRoundTrip(@ForAll long key, @ForAll long records, @ForAll long violations,
      @ForAll long lastSeq) {
    KeySummary s = new KeySummary(key, records, violations, lastSeq);
    assertThat(KeySummary.fromJson(s.toJson())).isEqualTo(s);
  }

  @Property
  void everyBuiltInTypeSurvivesTheRoundTrip(@ForAll long a, @ForAll long b, @ForAll long c) {
    assertThat(RecordType.SEQ_EVENT.fromJson(RecordType.SEQ_EVENT.toJson(new SeqEvent(a, b))))
        .isEqualTo(new SeqEvent(a, b));
    assertThat(RecordType.WINDOW_COUNT.fromJson(RecordType.WINDOW_COUNT.toJson(new WindowCount(a, b, c))))
        .isEqualTo(new WindowCount(a, b, c));
    assertThat(RecordType.NUMBER.fromJson(RecordType.NUMBER.toJson(a))).isEqualTo(a);
  }

  @Test
  void readsAnyOrderAndWhiteSpaceAndSkipsFieldsItDoesNotKnow() {
    String json = """
         { "lastSeq" : 99 ,
           "note": "a \\"quoted\\" \\\\ \\u00e9 \\n text", "nested": {"a": [1, 2.5e3, {"b": null}], "c": true},
           "violations":0, "records": 100, "empty": [], "none": {}, "flag": false, "ratio": -0.25,
        \t"key":\r\n-4 }\s
        """;
    assertThat(KeySummary.fromJson(json)).isEqualTo(new KeySummary(-4, 100, 0, 99));
  }

  @Test
  void refusesWhatIsNotARecordOfTheTypeNamingProblemAndPosition() {
    assertRefused("{\"key\":1,\"records\":2,\"violations\":3}", "not a key-summary JSON object: missing field lastSeq"
        + " (fields: key, records, violations, lastSeq)");
    assertRefused("{\"key\":1,\"seq\":2}", "missing fields records, violations, lastSeq");
    assertRefused("{}", "missing fields key, records, violations, lastSeq");
    assertRefused("{\"key\":1,\"key\":2,\"records\":2,\"violations\":3,\"lastSeq\":4}",
        "field \"key\" appears twice at position 9");
    assertRefused("{\"key\":1.5,\"records\":2,\"violations\":3,\"lastSeq\":4}", "field \"key\" must be an integer at"
        + " position 7");
    assertRefused("{\"key\":\"1\",\"records\":2,\"violations\":3,\"lastSeq\":4}", "field \"key\" must be an integer");
    assertRefused("{\"key\":1e3,\"records\":2,\"violations\":3,\"lastSeq\":4}", "field \"key\" must be an integer");
    assertRefused("{\"key\":-,\"records\":2,\"violations\":3,\"lastSeq\":4}", "field \"key\" must be an integer");
    assertRefused("{\"key\":9223372036854775808,\"records\":2,\"violations\":3,\"lastSeq\":4}",
        "field \"key\" does not fit in a long");
    assertRefused("{\"key\":1,\"records\":2,\"violations\":3,\"lastSeq\":4} x", "unexpected 'x' after the object at"
        + " position 49");
    assertRefused("{\"key\":1,\"records\":2", "unexpected end, expected ',' or '}' at position 20");
    assertRefused("{\"key\":1 \"records\":2}", "expected ',' or '}' but found '\"'");
    assertRefused("{key:1}", "expected a field name in double quotes at position 1");
    assertRefused("[1, 2]", "expected '{' but found '['");
    assertRefused("", "unexpected end, expected '{'");
    assertRefused("{\"x\": tru, \"key\":1}", "unexpected ','");
    assertRefused("{\"x\": \"\\q\"}", "bad escape '\\q'");
    assertThatThrownBy(() -> KeySummary.fromJson(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a key-summary JSON object: null");
  }

  private static void assertRefused(String json, String message) {
    assertThatThrownBy(() -> KeySummary.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aTypeWithoutCreatorWritesButDoesNotRead() {
    Map<String, KeySelector<Long, Long>> fields = new LinkedHashMap<>();
    fields.put("twice", v -> 2 * v);
    fields.put("value", v -> v);
    RecordType<Long> type = new RecordType<>("doubled", Types.LONG, fields);
    assertThat(type.toJson(21L)).isEqualTo("{\"twice\":42,\"value\":21}");
    assertThat(type.fieldNames()).isEqualTo("twice, value");
    assertThat(type.indexOf("value")).isEqualTo(1);
    assertThat(type.field("nope")).isNull();
    assertThatThrownBy(() -> type.fromJson("{\"twice\":2,\"value\":1}"))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("doubled records cannot be read");
  }

  @Test
  void fieldNamesMustNotNeedEscapingInJson() {
    Map<String, KeySelector<Long, Long>> fields = new LinkedHashMap<>();
    fields.put("a\"b", v -> v);
    assertThatThrownBy(() -> new RecordType<>("bad", Types.LONG, fields))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field 'a\"b' of bad");
  }

  @Test
  void builtInTypesDeserializeIntoTheirConstants() throws Exception {
    for (RecordType<?> t : new RecordType<?>[] {RecordType.NUMBER, RecordType.SEQ_EVENT, RecordType.KEY_SUMMARY,
        RecordType.WINDOW_COUNT}) {
      assertThat(roundTrip(t)).isSameAs(t);
    }
    Map<String, KeySelector<Long, Long>> fields = new LinkedHashMap<>();
    fields.put("value", v -> v);
    RecordType<Long> own = new RecordType<>("own", Types.LONG, fields, f -> f[0]);
    @SuppressWarnings("unchecked")
    RecordType<Long> copy = (RecordType<Long>) roundTrip(own);
    assertThat(copy).isNotSameAs(own);
    assertThat(copy.toJson(5L)).isEqualTo("{\"value\":5}");
    assertThat(copy.fromJson("{\"value\":6}")).isEqualTo(6L);
  }

  private static Object roundTrip(Object o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    }
  }
}
