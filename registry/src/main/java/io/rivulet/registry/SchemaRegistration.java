package io.rivulet.registry;

import io.rivulet.api.connector.WritesSchemas.SubjectSchema;
import io.rivulet.api.connector.WritesSchemas;
import io.rivulet.api.graph.JobEdge;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.graph.StreamNode;
import io.rivulet.api.serialization.SchemaProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Registers the schemas a job writes before it runs, and refuses the job when a subject's compatibility rule
 * refuses one. What a job writes: the records of each DURABLE edge whose serializer names a schema
 * ({@link SchemaProvider}, e.g. Avro) under {@code <job>-e<edge>-value}, and what every sink that
 * {@link WritesSchemas} declares (a Kafka sink: {@code <topic>-value}).
 *
 * <p>Rules: BACKWARD unless configured per subject; a subject's rule is set on the subject in the registry when
 * it is first registered (or differs), so that the registry enforces it for every writer, not only Rivulet. The
 * registry decides; the message says why in terms of fields ({@link CompatibilityExplainer}).
 */
public final class SchemaRegistration {
  public static final String DEFAULT_RULE = "BACKWARD";

  private final RegistryClient registry;
  private final String defaultRule;
  private final Map<String, String> rules;

  /**
   * @param defaultRule the rule of subjects not in {@code rulesBySubject} (BACKWARD if null)
   * @param rulesBySubject per-subject rules, e.g. {@code sensor-readings-value -> FULL}
   */
  public SchemaRegistration(RegistryClient registry, String defaultRule, Map<String, String> rulesBySubject) {
    this.registry = registry;
    this.defaultRule = defaultRule == null ? DEFAULT_RULE : defaultRule.toUpperCase(Locale.ROOT);
    this.rules = Map.copyOf(rulesBySubject);
  }

  public SchemaRegistration(RegistryClient registry) {
    this(registry, DEFAULT_RULE, Map.of());
  }

  /** The subject of a DURABLE edge's records: stable across runs of the job, like a topic's {@code -value}. */
  public static String durableSubject(String jobName, int edgeId) {
    String name = jobName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-|-$", "");
    return (name.isEmpty() ? "job" : name) + "-e" + edgeId + "-value";
  }

  /** The schemas {@code graph} writes, by subject (see the class comment). */
  public static List<SubjectSchema> schemasOf(JobGraph graph) {
    Map<String, SubjectSchema> out = new LinkedHashMap<>();
    for (JobEdge e : graph.edges()) {
      if (e.exchange() == io.rivulet.api.graph.Exchange.DURABLE && e.type() instanceof SchemaProvider p) {
        String subject = durableSubject(graph.jobName(), e.id());
        out.put(subject, new SubjectSchema(subject, p.schemaType(), p.schemaText()));
      }
    }
    for (JobVertex v : graph.vertices()) {
      for (StreamNode n : v.operators()) {
        if (n.spec() instanceof OperatorSpec.SinkOp sink && sink.sink() instanceof WritesSchemas w) {
          for (SubjectSchema s : w.writtenSchemas()) {
            out.put(s.subject(), s);
          }
        }
      }
    }
    return new ArrayList<>(out.values());
  }

  /** Registers every schema {@code graph} writes; see {@link #register(SubjectSchema)}. */
  public List<RegistryClient.Version> registerAll(JobGraph graph) throws IOException, IncompatibleSchemaException {
    List<RegistryClient.Version> versions = new ArrayList<>();
    for (SubjectSchema s : schemasOf(graph)) {
      versions.add(register(s));
    }
    return versions;
  }

  public String ruleOf(String subject) {
    return rules.getOrDefault(subject, defaultRule).toUpperCase(Locale.ROOT);
  }

  /**
   * Registers one schema: sets the subject's rule (unless it has this one already), then adds the schema as a new
   * version, or finds it registered already.
   *
   * @throws IncompatibleSchemaException when the subject's rule refuses it
   * @throws IOException when the registry cannot be reached or answers with an error
   */
  public RegistryClient.Version register(SubjectSchema s) throws IOException, IncompatibleSchemaException {
    String rule = ruleOf(s.subject());
    List<String> previous = rule.endsWith("_TRANSITIVE") ? registry.allSchemas(s.subject())
        : registry.latestSchema(s.subject()).map(List::of).orElse(List.of());
    if (!previous.isEmpty() && !rule.equals(registry.compatibilityRule(s.subject()).orElse(""))) {
      registry.setCompatibilityRule(s.subject(), rule);
    }
    try {
      RegistryClient.Version v = registry.register(s.subject(), s.schemaType(), s.schemaText());
      if (previous.isEmpty() && !rule.equals(registry.compatibilityRule(s.subject()).orElse(""))) {
        registry.setCompatibilityRule(s.subject(), rule); // a new subject: its rule from now on
      }
      return v;
    } catch (RegistryClient.RuleViolation violation) {
      List<String> problems = new ArrayList<>();
      if ("AVRO".equalsIgnoreCase(s.schemaType())) {
        Schema next = new Schema.Parser().parse(s.schemaText());
        for (String old : previous) {
          for (String p : CompatibilityExplainer.explain(rule, new Schema.Parser().parse(old), next)) {
            if (!problems.contains(p)) {
              problems.add(p);
            }
          }
        }
      }
      if (problems.isEmpty()) { // the registry's own words, when Avro's check does not say more
        problems.addAll(violation.causes().isEmpty() ? List.of(violation.getMessage()) : violation.causes());
      }
      throw new IncompatibleSchemaException(s.subject(), rule, problems);
    }
  }
}
