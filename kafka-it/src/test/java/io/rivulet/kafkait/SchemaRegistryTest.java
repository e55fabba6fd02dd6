package io.rivulet.kafkait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.connector.WritesSchemas.SubjectSchema;
import io.rivulet.kafka.local.LocalApicurio;
import io.rivulet.kafka.local.LocalApicurioExtension;
import io.rivulet.registry.IncompatibleSchemaException;
import io.rivulet.registry.RegistryClient;
import io.rivulet.registry.SchemaRegistration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Registration and compatibility at submission, against a real Apicurio Registry 3.0.9. */
@ExtendWith(LocalApicurioExtension.class)
class SchemaRegistryTest {
  static final String V1 = """
      {"type":"record","name":"SensorReading","namespace":"io.rivulet.schemas.examples","fields":[
        {"name":"sensor","type":"string"},{"name":"timestamp","type":"long"},{"name":"value","type":"long"}]}""";
  static final String VALUE_AS_STRING = V1.replace("{\"name\":\"value\",\"type\":\"long\"}",
      "{\"name\":\"value\",\"type\":\"string\"}");
  static final String WITH_UNIT = V1.replace("]}", ",{\"name\":\"unit\",\"type\":\"string\",\"default\":\"C\"}]}");
  static final String WITH_UNIT_NO_DEFAULT = V1.replace("]}", ",{\"name\":\"unit\",\"type\":\"string\"}]}");

  @Test
  void incompatibleSchemaIsRefusedNamingFieldAndRule(LocalApicurio registry) throws Exception {
    SchemaRegistration reg = new SchemaRegistration(new RegistryClient(registry.url()));
    String subject = "sensor-readings-value";
    RegistryClient.Version v1 = reg.register(new SubjectSchema(subject, "AVRO", V1));
    assertThat(reg.register(new SubjectSchema(subject, "AVRO", V1)).globalId())
        .as("the same schema again finds its version").isEqualTo(v1.globalId());
    assertThat(new RegistryClient(registry.url()).compatibilityRule(subject)).contains("BACKWARD");

    assertThatThrownBy(() -> reg.register(new SubjectSchema(subject, "AVRO", VALUE_AS_STRING)))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessage("field 'value' changed type from long to string: BACKWARD compatibility of subject"
            + " 'sensor-readings-value' refuses it");
    assertThatThrownBy(() -> reg.register(new SubjectSchema(subject, "AVRO", WITH_UNIT_NO_DEFAULT)))
        .hasMessage("field 'unit' was added without a default: BACKWARD compatibility of subject"
            + " 'sensor-readings-value' refuses it");

    RegistryClient.Version v2 = reg.register(new SubjectSchema(subject, "AVRO", WITH_UNIT));
    assertThat(v2.version()).isEqualTo("2");
    assertThat(new RegistryClient(registry.url()).latestSchema(subject).orElseThrow()).contains("unit");
  }

  @Test
  void ruleIsConfigurablePerSubject(LocalApicurio registry) throws Exception {
    String subject = "per-subject-rule-value";
    SchemaRegistration forward = new SchemaRegistration(new RegistryClient(registry.url()), "BACKWARD",
        Map.of(subject, "FORWARD"));
    forward.register(new SubjectSchema(subject, "AVRO", V1));
    // FORWARD: old readers must read new data; a new field without default is fine for them
    forward.register(new SubjectSchema(subject, "AVRO", WITH_UNIT_NO_DEFAULT));
    assertThat(new RegistryClient(registry.url()).compatibilityRule(subject)).contains("FORWARD");
    // dropping 'value' and 'unit' (no defaults in the latest schema) breaks its readers: both are named
    String withoutValue = V1.replace(",{\"name\":\"value\",\"type\":\"long\"}", "");
    assertThatThrownBy(() -> forward.register(new SubjectSchema(subject, "AVRO", withoutValue)))
        .hasMessage("field 'value' was removed but has no default; field 'unit' was removed but has no default:"
            + " FORWARD compatibility of subject '" + subject + "' refuses it");
  }
}
