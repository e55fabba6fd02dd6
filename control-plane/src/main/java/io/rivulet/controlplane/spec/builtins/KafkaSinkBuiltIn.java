package io.rivulet.controlplane.spec.builtins;

import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.builtins.kafka.RecordKafkaSink;
import io.rivulet.controlplane.spec.BuildContext;
import io.rivulet.controlplane.spec.BuiltIn;
import io.rivulet.controlplane.spec.ParamDef;
import io.rivulet.controlplane.spec.ParamDef.ParamType;
import io.rivulet.controlplane.spec.Params;
import io.rivulet.kafka.DeliveryGuarantee;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code kafka-sink}: writes each record as a compact JSON object of its fields to a Kafka topic, keyed by its
 * {@code key} field (see {@link RecordKafkaSink}). Exactly once by default: a transaction per checkpoint, visible
 * to {@code read_committed} readers when the checkpoint completes (and at the end of bounded input). The topic
 * must exist. Without {@code bootstrapServers} the cluster is found where the sink runs
 * ({@value RecordKafkaSink#BOOTSTRAP_PROPERTY} or {@value RecordKafkaSink#BOOTSTRAP_ENV}). The default
 * transactional id prefix {@code rivulet-<job name>-<node id>} stays the same across restarts and resubmissions of
 * the spec, and two jobs running under one name with one sink id would fence each other: give them distinct names
 * or prefixes.
 */
@Singleton
public final class KafkaSinkBuiltIn implements BuiltIn {
  public static final String TYPE = "kafka-sink";
  private static final Map<String, DeliveryGuarantee> GUARANTEES = Map.of("exactly-once",
      DeliveryGuarantee.EXACTLY_ONCE, "at-least-once", DeliveryGuarantee.AT_LEAST_ONCE);
  /** What Kafka accepts as a topic name. */
  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
  /** Characters kept from the job name in the default transactional id prefix. */
  private static final Pattern NOT_ID = Pattern.compile("[^A-Za-z0-9._-]+");

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Role role() {
    return Role.SINK;
  }

  @Override
  public String description() {
    return "writes each record to a Kafka topic as a JSON object of its fields ({\"key\":3,\"records\":10,...}),"
        + " keyed by its key field; exactly once (read_committed) by default";
  }

  @Override
  public List<ParamDef> params() {
    return List.of(ParamDef.required("topic", ParamType.STRING, "the topic to write to; it must exist"),
        ParamDef.optional("bootstrapServers", ParamType.STRING, "host:port,... of the Kafka cluster; default: the"
            + " system property " + RecordKafkaSink.BOOTSTRAP_PROPERTY + " or the environment variable "
            + RecordKafkaSink.BOOTSTRAP_ENV + " where the sink runs"),
        ParamDef.optional("guarantee", ParamType.STRING, "exactly-once (default: a transaction per checkpoint) or"
            + " at-least-once"),
        ParamDef.optional("transactionalIdPrefix", ParamType.STRING, "exactly once: prefix of the transactional ids,"
            + " unique to the job and stable across restarts; default rivulet-<job name>-<node id>"));
  }

  @Override
  public Built build(BuildContext ctx) {
    Params p = ctx.params();
    String topic = p.getString("topic", "");
    p.require(TOPIC.matcher(topic).matches() && !topic.equals(".") && !topic.equals(".."), "topic",
        "must be 1 to 249 letters, digits, '.', '_' or '-' (a Kafka topic name), was \"" + topic + "\"");
    String servers = p.getString("bootstrapServers", null);
    p.require(servers == null || !servers.isBlank(), "bootstrapServers", "must not be blank: leave it out to use"
        + " the system property " + RecordKafkaSink.BOOTSTRAP_PROPERTY + " or the environment variable "
        + RecordKafkaSink.BOOTSTRAP_ENV + " where the sink runs");
    String guaranteeName = p.getString("guarantee", "exactly-once");
    DeliveryGuarantee guarantee = GUARANTEES.get(guaranteeName.toLowerCase(Locale.ROOT));
    p.require(guarantee != null, "guarantee", "unknown guarantee '" + guaranteeName + "'; known: exactly-once,"
        + " at-least-once");
    String prefix = p.getString("transactionalIdPrefix", null);
    if (prefix != null) {
      p.require(guarantee == DeliveryGuarantee.EXACTLY_ONCE, "transactionalIdPrefix", "only an exactly-once sink"
          + " uses transactions: drop it, or set guarantee to exactly-once");
      p.require(!prefix.isBlank(), "transactionalIdPrefix", "must not be blank");
    } else {
      prefix = defaultTransactionalIdPrefix(ctx.jobName(), ctx.nodeId());
    }
    return new Built(new OperatorSpec.SinkOp(new RecordKafkaSink<>(ctx.input(), topic, servers, guarantee, prefix)),
        null);
  }

  /** {@code rivulet-<job name>-<node id>}, with runs of characters other than letters, digits, '.', '_', '-' as '_'. */
  static String defaultTransactionalIdPrefix(String jobName, String nodeId) {
    return "rivulet-" + NOT_ID.matcher(jobName).replaceAll("_") + "-" + nodeId;
  }
}
