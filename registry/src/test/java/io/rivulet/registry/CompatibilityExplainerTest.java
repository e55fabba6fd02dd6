package io.rivulet.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityExplainerTest {
  private static Schema record(String fields) {
    return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}");
  }

  @Test
  void namesTheFieldAndTheChange() {
    Schema old = record("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"value\",\"type\":\"long\"}");
    Schema next = record("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"value\",\"type\":\"string\"}");
    assertThat(CompatibilityExplainer.explain("BACKWARD", old, next))
        .containsExactly("field 'value' changed type from long to string");
    assertThat(CompatibilityExplainer.explain("FORWARD", old, next))
        .containsExactly("field 'value' changed type from long to string");
  }

  @Test
  void addedAndRemovedFields() {
    Schema old = record("{\"name\":\"id\",\"type\":\"string\"}");
    Schema added = record("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"unit\",\"type\":\"string\"}");
    assertThat(CompatibilityExplainer.explain("BACKWARD", old, added))
        .containsExactly("field 'unit' was added without a default");
    assertThat(CompatibilityExplainer.explain("FORWARD", added, old))
        .containsExactly("field 'unit' was removed but has no default");
    assertThat(CompatibilityExplainer.explain("FULL_TRANSITIVE", old, added)).hasSize(1);
    Schema withDefault = record("{\"name\":\"id\",\"type\":\"string\"},"
        + "{\"name\":\"unit\",\"type\":\"string\",\"default\":\"C\"}");
    assertThat(CompatibilityExplainer.explain("FULL", old, withDefault)).isEmpty();
  }

  @Test
  void nestedFieldsAreNamedByPath() {
    Schema old = record("{\"name\":\"pos\",\"type\":{\"type\":\"record\",\"name\":\"P\",\"fields\":["
        + "{\"name\":\"x\",\"type\":\"int\"}]}}");
    Schema next = record("{\"name\":\"pos\",\"type\":{\"type\":\"record\",\"name\":\"P\",\"fields\":["
        + "{\"name\":\"x\",\"type\":\"boolean\"}]}}");
    assertThat(CompatibilityExplainer.explain("BACKWARD", old, next))
        .containsExactly("field 'pos.x' changed type from int to boolean");
  }
}
