package io.rivulet.builtins.kafka;

import io.rivulet.api.connector.Sink;
import io.rivulet.api.connector.SinkContext;
import io.rivulet.api.connector.SinkWriter;
import io.rivulet.builtins.records.RecordType;
import io.rivulet.kafka.DeliveryGuarantee;
import io.rivulet.kafka.KafkaSink;
import java.io.Serial;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The sink of the {@code kafka-sink} built-in: writes records of a {@link RecordType} as JSON
 * ({@link JsonRecordSerializer}) through a {@link KafkaSink}.
 *
 * <p>The Kafka cluster may be left open when the job is built: it is then found where the sink runs, when a
 * subtask's writer is made — the system property {@value #BOOTSTRAP_PROPERTY} of that JVM, else its environment
 * variable {@value #BOOTSTRAP_ENV}. So one spec runs unchanged against whatever broker each task runtime (or the
 * control plane, for embedded jobs) is pointed at.
 */
public final class RecordKafkaSink<T> implements Sink<T> {
  @Serial private static final long serialVersionUID = 1L;

  /** System property naming the Kafka bootstrap servers when the sink does not. */
  public static final String BOOTSTRAP_PROPERTY = "rivulet.kafka.bootstrap";
  /** Environment variable read when neither the sink nor {@link #BOOTSTRAP_PROPERTY} names them. */
  public static final String BOOTSTRAP_ENV = "RIVULET_KAFKA_BOOTSTRAP";

  private final RecordType<T> type;
  private final String topic;
  /** Null: resolved where the sink runs. */
  private final String bootstrapServers;
  private final DeliveryGuarantee guarantee;
  /** Exactly once only. */
  private final String transactionalIdPrefix;

  /**
   * @param bootstrapServers the Kafka cluster, or null to find it where the sink runs
   * @param transactionalIdPrefix required for {@link DeliveryGuarantee#EXACTLY_ONCE}: unique to the job, stable
   *     across restarts; ignored otherwise
   */
  public RecordKafkaSink(RecordType<T> type, String topic, String bootstrapServers, DeliveryGuarantee guarantee,
      String transactionalIdPrefix) {
    this.type = Objects.requireNonNull(type, "type");
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("a Kafka sink needs a topic");
    }
    if (guarantee == DeliveryGuarantee.EXACTLY_ONCE
        && (transactionalIdPrefix == null || transactionalIdPrefix.isBlank())) {
      throw new IllegalArgumentException("an exactly-once Kafka sink needs a transactionalIdPrefix unique to the job");
    }
    this.topic = topic;
    this.bootstrapServers = bootstrapServers == null || bootstrapServers.isBlank() ? null : bootstrapServers;
    this.guarantee = Objects.requireNonNull(guarantee, "guarantee");
    this.transactionalIdPrefix = guarantee == DeliveryGuarantee.EXACTLY_ONCE ? transactionalIdPrefix : null;
  }

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    KafkaSink<T> sink = KafkaSink.<T>builder()
        .bootstrapServers(resolveBootstrapServers(bootstrapServers, topic, System::getProperty, System::getenv))
        .topic(topic)
        .serializer(new JsonRecordSerializer<>(type))
        .deliveryGuarantee(guarantee)
        .transactionalIdPrefix(transactionalIdPrefix)
        .build();
    return sink.createWriter(context);
  }

  /**
   * The bootstrap servers to use: {@code configured} if set, else the system property {@value #BOOTSTRAP_PROPERTY},
   * else the environment variable {@value #BOOTSTRAP_ENV}.
   *
   * @param properties system properties by name ({@code System::getProperty})
   * @param environment environment variables by name ({@code System::getenv})
   * @throws IllegalStateException naming all three places when none is set
   */
  public static String resolveBootstrapServers(String configured, String topic, UnaryOperator<String> properties,
      UnaryOperator<String> environment) {
    if (configured != null && !configured.isBlank()) {
      return configured.trim();
    }
    String p = properties.apply(BOOTSTRAP_PROPERTY);
    if (p != null && !p.isBlank()) {
      return p.trim();
    }
    String e = environment.apply(BOOTSTRAP_ENV);
    if (e != null && !e.isBlank()) {
      return e.trim();
    }
    throw new IllegalStateException("the Kafka sink to topic '" + topic + "' does not know which Kafka cluster to"
        + " write to: set its parameter bootstrapServers, or the system property " + BOOTSTRAP_PROPERTY
        + " or the environment variable " + BOOTSTRAP_ENV + " of the process that runs it (the task runtimes;"
        + " the control plane for embedded jobs)");
  }

  public RecordType<T> type() {
    return type;
  }

  public String topic() {
    return topic;
  }

  /** The configured bootstrap servers, or null when they are found where the sink runs. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  public DeliveryGuarantee guarantee() {
    return guarantee;
  }

  /** Null unless exactly once. */
  public String transactionalIdPrefix() {
    return transactionalIdPrefix;
  }

  @Override
  public String name() {
    return "Kafka(" + topic + ")";
  }

  @Override
  public String toString() {
    return name() + " " + guarantee + " " + type.name() + " as JSON";
  }
}
