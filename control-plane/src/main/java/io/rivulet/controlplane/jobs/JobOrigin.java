package io.rivulet.controlplane.jobs;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Where a job came from: enough to show it, and for a cluster to run it again (the JAR and its arguments,
 * or the declarative spec). Persisted with the job.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = JobOrigin.Spec.class, name = "spec"),
    @JsonSubTypes.Type(value = JobOrigin.Jar.class, name = "jar"),
    @JsonSubTypes.Type(value = JobOrigin.Graph.class, name = "graph")})
public sealed interface JobOrigin {

  /** Posted as a declarative job spec (POST /v1/jobs). */
  record Spec(JsonNode spec) implements JobOrigin {}

  /**
   * Built by the {@code main} of an uploaded JAR (POST /v1/jars/{id}/run).
   *
   * @param parallelism the default parallelism asked for, or null
   * @param savepointPath the savepoint the job starts from, or null
   */
  record Jar(String jarId, String entryClass, List<String> programArgs, Integer parallelism,
      String savepointPath) implements JobOrigin {
    public Jar {
      programArgs = programArgs == null ? List.of() : List.copyOf(programArgs);
    }
  }

  /** A job graph built by a client ({@code RemoteEnvironment}) and posted with the JAR holding its classes. */
  record Graph(String jarId) implements JobOrigin {}
}
