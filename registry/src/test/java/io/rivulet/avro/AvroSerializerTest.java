package io.rivulet.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.serialization.DataInputDeserializer;
import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.TypeSerializerSnapshot;
import io.rivulet.api.serialization.TypeSerializerSnapshot.Compatibility.Kind;
import io.rivulet.schemas.examples.SensorReading;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class AvroSerializerTest {

  private static <T> byte[] write(TypeSerializer<T> s, T... values) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer();
    for (T v : values) {
      s.serialize(v, out);
    }
    return out.toByteArray();
  }

  @Test
  void specificRecordsRoundTripBackToBack() throws Exception {
    AvroSerializer<SensorReading> s = AvroSerializer.of(SensorReading.class);
    SensorReading a = new SensorReading("a", 1L, 1.5);
    SensorReading b = new SensorReading("b", 2L, -3.0);
    DataInputDeserializer in = new DataInputDeserializer(write(s, a, b));
    assertThat(s.deserialize(in)).isEqualTo(a);
    assertThat(s.deserialize(in)).isEqualTo(b);
    assertThat(in.available()).isZero();
    assertThat(s.copy(a)).isEqualTo(a).isNotSameAs(a);
    assertThat(s.schemaType()).isEqualTo("AVRO");
    assertThat(s.typeName()).isEqualTo("Avro io.rivulet.schemas.examples.SensorReading");
  }

  @Test
  void stateWrittenWithAnOlderSchemaMigrates() throws Exception {
    Schema v1 = SensorReading.getClassSchema();
    Schema v2 = new Schema.Parser().parse(v1.toString()
        .replace("]}", ",{\"name\":\"unit\",\"type\":\"string\",\"default\":\"C\"}]}"));
    AvroSerializer<GenericRecord> old = AvroSerializer.generic(v1);
    GenericRecord r = new GenericData.Record(v1);
    r.put("sensor", "x");
    r.put("timestamp", 5L);
    r.put("value", 2.0);
    byte[] bytes = write(old, r);
    DataOutputSerializer snap = new DataOutputSerializer();
    old.snapshot().writeSnapshot(snap);
    AvroSerializerSnapshot<GenericRecord> restored = new AvroSerializerSnapshot<>();
    restored.readSnapshot(1, new DataInputDeserializer(snap.toByteArray()), getClass().getClassLoader());

    TypeSerializerSnapshot.Compatibility c = restored.resolveCompatibility(AvroSerializer.generic(v2));
    assertThat(c.kind()).isEqualTo(Kind.COMPATIBLE_AFTER_MIGRATION);
    GenericRecord migrated = restored.restoreSerializer().deserialize(new DataInputDeserializer(bytes));
    assertThat(migrated.get("unit").toString()).isEqualTo("C");
    assertThat(migrated.get("value")).isEqualTo(2.0);

    Schema incompatible = new Schema.Parser().parse(v1.toString().replace("\"double\"", "\"string\""));
    assertThat(restored.resolveCompatibility(AvroSerializer.generic(incompatible)).kind()).isEqualTo(Kind.INCOMPATIBLE);
    assertThat(restored.resolveCompatibility(old).kind()).isEqualTo(Kind.COMPATIBLE_AS_IS);
  }
}
