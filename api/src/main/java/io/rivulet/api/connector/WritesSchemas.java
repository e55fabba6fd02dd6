package io.rivulet.api.connector;

import java.io.Serializable;
import java.util.List;

/**
 * Implemented by a sink (e.g. a Kafka sink writing Avro) whose output follows schemas kept in a registry: before
 * the job runs, the control plane registers each one under its subject — or refuses the job when the subject's
 * compatibility rule refuses the schema.
 */
public interface WritesSchemas {

  /** A schema under a registry subject, e.g. {@code sensor-readings-value}. */
  record SubjectSchema(String subject, String schemaType, String schemaText) implements Serializable {}

  List<SubjectSchema> writtenSchemas();
}
