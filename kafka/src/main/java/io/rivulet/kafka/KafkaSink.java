package io.rivulet.kafka;

import io.rivulet.api.connector.Sink;
import io.rivulet.api.connector.SinkContext;
import io.rivulet.api.connector.SinkWriter;
import io.rivulet.kafka.impl.AtLeastOnceWriter;
import io.rivulet.kafka.impl.ExactlyOnceWriter;
import io.rivulet.kafka.impl.SinkConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes records to Kafka, {@link DeliveryGuarantee#AT_LEAST_ONCE at least once} (default) or
 * {@link DeliveryGuarantee#EXACTLY_ONCE exactly once}.
 *
 * <p><b>Exactly once</b> (two-phase commit): a subtask writes the records between two checkpoints into one
 * Kafka transaction. At the checkpoint barrier it flushes them and adds a <i>commit marker</i> to the same
 * transaction (an offset committed for the consumer group {@code <prefix>-<subtask>-commits} whose metadata is
 * the transaction's unique token), and names the transaction in its checkpoint state: id, token and the offsets
 * its records got. When the checkpoint completes, it commits. A checkpoint that is aborted leaves its
 * transaction open; it is committed with the next completed checkpoint.
 *
 * <p>After a failure, the restored subtask first fences every transactional id of its own that still has a
 * transaction open (which aborts it), then reads the marker: transactions of the restored checkpoint up to the
 * one whose token the marker holds were committed. A later one was not, although its checkpoint completed (the
 * failure came between completion and commit); its records are still in the log as aborted records, at the
 * offsets the checkpoint names, so the subtask copies them (reading {@code read_uncommitted}) into a new
 * transaction with the same marker and commits it. Nothing is lost and nothing appears twice, without resuming
 * a producer's transaction through Kafka internals. The copy needs those records to still be there: the
 * restart must come within the topic's retention, and the topic must not be compacted.
 *
 * <p>Transactional ids are pooled per subtask ({@code <prefix>-<i>-0}, {@code -1}, ...): usually two (the
 * transaction being written and the one waiting for its checkpoint to complete). The transaction timeout
 * (default 10 minutes) must exceed the checkpoint interval plus the time a checkpoint takes.
 */
public final class KafkaSink<T> implements Sink<T> {
  private final SinkConfig<T> config;

  private KafkaSink(SinkConfig<T> config) {
    this.config = config;
  }

  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    return config.guarantee() == DeliveryGuarantee.EXACTLY_ONCE
        ? new ExactlyOnceWriter<>(config, context.subtaskIndex())
        : new AtLeastOnceWriter<>(config, context.subtaskIndex());
  }

  @Override
  public String name() {
    return "Kafka(" + config.topic() + ")";
  }

  public String topic() {
    return config.topic();
  }

  public DeliveryGuarantee deliveryGuarantee() {
    return config.guarantee();
  }

  @Override
  public String toString() {
    return name() + " " + config.guarantee();
  }

  /** Settings of a {@link KafkaSink}; {@link #build()} checks them. */
  public static final class Builder<T> {
    private String bootstrapServers;
    private String topic;
    private KafkaRecordSerializer<T> serializer;
    private DeliveryGuarantee guarantee = DeliveryGuarantee.AT_LEAST_ONCE;
    private String transactionalIdPrefix;
    private Duration transactionTimeout = Duration.ofMinutes(10);
    private final Map<String, String> properties = new LinkedHashMap<>();

    private Builder() {}

    public Builder<T> bootstrapServers(String servers) {
      this.bootstrapServers = servers;
      return this;
    }

    /** The topic records go to (unless the serializer names another one). */
    public Builder<T> topic(String topic) {
      this.topic = topic;
      return this;
    }

    public Builder<T> serializer(KafkaRecordSerializer<T> serializer) {
      this.serializer = serializer;
      return this;
    }

    public Builder<T> deliveryGuarantee(DeliveryGuarantee guarantee) {
      this.guarantee = Objects.requireNonNull(guarantee);
      return this;
    }

    /**
     * Exactly once: the prefix of this sink's transactional ids. Must be unique to the job (two jobs with one
     * prefix fence each other) and stay the same across restarts and savepoints.
     */
    public Builder<T> transactionalIdPrefix(String prefix) {
      this.transactionalIdPrefix = prefix;
      return this;
    }

    /** Exactly once: how long Kafka keeps a transaction open before aborting it; default 10 minutes. */
    public Builder<T> transactionTimeout(Duration timeout) {
      if (timeout.toMillis() < 1000) {
        throw new IllegalArgumentException("transaction timeout must be at least 1 s, was " + timeout);
      }
      this.transactionTimeout = timeout;
      return this;
    }

    /** A Kafka client property (security, batching, ...). */
    public Builder<T> property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    public KafkaSink<T> build() {
      if (bootstrapServers == null || bootstrapServers.isBlank()) {
        throw new IllegalStateException("a Kafka sink needs bootstrapServers");
      }
      if (topic == null || topic.isBlank()) {
        throw new IllegalStateException("a Kafka sink needs a topic");
      }
      if (serializer == null) {
        throw new IllegalStateException("a Kafka sink needs a serializer");
      }
      if (guarantee == DeliveryGuarantee.EXACTLY_ONCE
          && (transactionalIdPrefix == null || transactionalIdPrefix.isBlank())) {
        throw new IllegalStateException("an exactly-once Kafka sink needs a transactionalIdPrefix unique to the job");
      }
      return new KafkaSink<>(new SinkConfig<>(bootstrapServers, topic, serializer, guarantee,
          transactionalIdPrefix, transactionTimeout.toMillis(), Map.copyOf(properties)));
    }
  }
}
