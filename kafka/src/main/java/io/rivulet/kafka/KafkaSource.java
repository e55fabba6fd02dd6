package io.rivulet.kafka;

import io.rivulet.api.connector.Source;
import io.rivulet.api.connector.SourceGate;
import io.rivulet.api.connector.SourceContext;
import io.rivulet.api.connector.SourceReader;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.watermark.WatermarkStrategy;
import io.rivulet.kafka.impl.KafkaSourceReader;
import io.rivulet.kafka.impl.SourceConfig;
import io.rivulet.kafka.impl.SourceMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Reads one Kafka topic.
 *
 * <ul>
 *   <li><b>Fixed assignment</b>: subtask {@code i} of {@code p} reads the partitions {@code k} with
 *       {@code k % p == i}, assigned directly (no consumer-group rebalancing while a job runs).
 *   <li><b>Offsets in checkpoints</b>: a checkpoint holds the next offset of every partition of the subtask; a
 *       restored subtask continues exactly there, so every record is emitted once per successful run.
 *   <li><b>Event time</b>: a record's timestamp is its Kafka timestamp (or what the strategy's timestamp
 *       assigner makes of it). With a {@link Builder#watermarkStrategy watermark strategy} every partition has
 *       its own generator; the subtask emits the minimum over its partitions that are not idle (a partition is
 *       idle after the strategy's idle timeout without data), and is idle itself when all of them are. Give
 *       the strategy here, not to {@code fromSource}, which would generate one watermark per subtask.
 *   <li><b>Bounded</b> mode stops at the end offsets read when the reader first starts (kept in the
 *       checkpoint, so a restored reader stops at the same place).
 *   <li><b>Dead letters</b>: a record the deserializer cannot decode goes to the dead-letter topic (default
 *       {@code <topic>.dlq}) with {@link DeadLetterHeaders}; the job goes on. Dead letters are written at
 *       least once (a record read again after a restore is dead-lettered again).
 * </ul>
 *
 * <p>The consumer reads with {@code isolation.level=read_committed} unless a property says otherwise. A fetch
 * thread per subtask owns the consumer and hands batches to the task thread, which deserializes and emits.
 */
public final class KafkaSource<T> implements Source<T> {
  private final SourceConfig<T> config;
  private final TypeSerializer<T> type;

  private KafkaSource(SourceConfig<T> config, TypeSerializer<T> type) {
    this.config = config;
    this.type = type;
  }

  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /** A builder for text values (UTF-8; malformed text is dead-lettered). */
  public static Builder<String> forStrings() {
    return KafkaSource.<String>builder()
        .deserializer(KafkaRecordDeserializer.utf8Values())
        .outputType(io.rivulet.api.serialization.Types.STRING);
  }

  @Override
  public TypeSerializer<T> outputType() {
    return type;
  }

  @Override
  public boolean isBounded() {
    return config.bounded();
  }

  @Override
  public String name() {
    return "Kafka(" + config.topic() + ")";
  }

  @Override
  public SourceReader<T> createReader(SourceContext context) {
    return new KafkaSourceReader<>(config, context);
  }

  /** The topic this source reads. */
  public String topic() {
    return config.topic();
  }

  /** Where undecodable records go. */
  public String deadLetterTopic() {
    return config.deadLetterTopic();
  }

  /** The id naming this source's counters. */
  public String id() {
    return config.sourceId();
  }

  /** Records read and dead-lettered by this source's subtasks in this JVM. */
  public KafkaSourceCounters counters() {
    return new KafkaSourceCounters(SourceMetrics.forSource(config.sourceId()));
  }

  @Override
  public String toString() {
    return name() + (config.bounded() ? " bounded" : "") + " from " + config.startingOffsets();
  }

  /** Settings of a {@link KafkaSource}; {@link #build()} checks them. */
  public static final class Builder<T> {
    private String bootstrapServers;
    private String topic;
    private KafkaRecordDeserializer<T> deserializer;
    private TypeSerializer<T> type;
    private StartingOffsets startingOffsets = StartingOffsets.EARLIEST;
    private boolean bounded;
    private WatermarkStrategy<T> watermarks;
    private Duration watermarkInterval = Duration.ofMillis(200);
    private String deadLetterTopic;
    private String groupId;
    private int maxRecordsPerPoll = 1000;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private long holdAtOffset = -1;
    private SourceGate holdGate;

    private Builder() {}

    public Builder<T> bootstrapServers(String servers) {
      this.bootstrapServers = servers;
      return this;
    }

    public Builder<T> topic(String topic) {
      this.topic = topic;
      return this;
    }

    /** Decodes records; a throwing deserializer sends the record to the dead-letter topic. */
    public Builder<T> deserializer(KafkaRecordDeserializer<T> deserializer) {
      this.deserializer = deserializer;
      return this;
    }

    /** The serializer of the emitted values (needed where records cross tasks), or none to set it with {@code returns}. */
    public Builder<T> outputType(TypeSerializer<T> type) {
      this.type = type;
      return this;
    }

    /** Where to start in partitions without a checkpointed offset; default {@link StartingOffsets#EARLIEST}. */
    public Builder<T> startingOffsets(StartingOffsets offsets) {
      this.startingOffsets = Objects.requireNonNull(offsets);
      return this;
    }

    /** True: stop at the end offsets found when the reader starts. Default false (unbounded). */
    public Builder<T> bounded(boolean bounded) {
      this.bounded = bounded;
      return this;
    }

    /** Per-partition timestamps and watermarks (see the class comment). Default: none. */
    public Builder<T> watermarkStrategy(WatermarkStrategy<T> strategy) {
      this.watermarks = strategy;
      return this;
    }

    /** How often the partitions' generators are asked for periodic watermarks; default 200 ms. */
    public Builder<T> watermarkInterval(Duration interval) {
      if (interval.toMillis() < 1) {
        throw new IllegalArgumentException("watermark interval must be at least 1 ms, was " + interval);
      }
      this.watermarkInterval = interval;
      return this;
    }

    /** Topic for records that cannot be decoded; default {@code <topic>.dlq}. */
    public Builder<T> deadLetterTopic(String topic) {
      this.deadLetterTopic = topic;
      return this;
    }

    /**
     * Consumer group used for {@link StartingOffsets#COMMITTED} and to commit the offsets of completed
     * checkpoints (so lag tools see progress; the checkpoint, not the group, is what the source restores from).
     */
    public Builder<T> groupId(String groupId) {
      this.groupId = groupId;
      return this;
    }

    /** At most this many records per call of the task loop (default 1000). */
    public Builder<T> maxRecordsPerPoll(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxRecordsPerPoll must be at least 1, was " + max);
      }
      this.maxRecordsPerPoll = max;
      return this;
    }

    /**
     * Holds the source until {@code gate} opens: no record at or past {@code offset} of any partition is emitted
     * before then (a subtask stops at the first such record, so its other partitions may stop short of it), and a
     * bounded source does not end before then. While held, the task goes on taking checkpoints and emitting
     * watermarks; a restored subtask is held again while the gate is closed. For tests: something happens (a
     * checkpoint, a kill) while the job certainly has input left.
     */
    public Builder<T> holdAt(long offset, SourceGate gate) {
      if (offset < 0) {
        throw new IllegalArgumentException("hold offset must not be negative, was " + offset);
      }
      this.holdAtOffset = offset;
      this.holdGate = Objects.requireNonNull(gate, "a held source needs a gate that opens");
      return this;
    }

    /** A Kafka client property for the consumer and the dead-letter producer (security, timeouts, ...). */
    public Builder<T> property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    public KafkaSource<T> build() {
      require(bootstrapServers, "bootstrapServers");
      require(topic, "topic");
      if (deserializer == null) {
        throw new IllegalStateException("a Kafka source needs a deserializer");
      }
      if (startingOffsets == StartingOffsets.COMMITTED && groupId == null) {
        throw new IllegalStateException("starting from COMMITTED offsets needs a groupId");
      }
      String dlq = deadLetterTopic == null ? topic + ".dlq" : deadLetterTopic;
      if (dlq.equals(topic)) {
        throw new IllegalStateException("the dead-letter topic must differ from the topic read (" + topic + ")");
      }
      SourceConfig<T> config = new SourceConfig<>(UUID.randomUUID().toString(), bootstrapServers, topic, deserializer,
          startingOffsets, bounded, watermarks, watermarkInterval.toMillis(), dlq, groupId, maxRecordsPerPoll,
          Map.copyOf(properties), holdAtOffset, holdGate);
      return new KafkaSource<>(config, type);
    }

    private static void require(String value, String name) {
      if (value == null || value.isBlank()) {
        throw new IllegalStateException("a Kafka source needs " + name);
      }
    }
  }
}
