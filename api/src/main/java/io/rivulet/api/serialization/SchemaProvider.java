package io.rivulet.api.serialization;

/**
 * A serializer whose bytes follow a schema a registry can hold (Avro). Lets the control plane register the
 * schema of a DURABLE edge before the job runs, without knowing the serializer's class (which may come from the
 * job's JAR).
 */
public interface SchemaProvider {
  /** The registry's name of the schema language, e.g. {@code AVRO}. */
  String schemaType();

  /** The schema's canonical text (for Avro: its JSON). */
  String schemaText();
}
