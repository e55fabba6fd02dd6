package io.rivulet.api.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Job-wide settings, set through {@link io.rivulet.api.StreamEnvironment} and shipped inside the job graph. Mutable
 * while the job is being built, read-only once submitted.
 */
public final class JobConfig implements Serializable {
  /** Default upper bound for parallelism and number of key groups. */
  public static final int DEFAULT_MAX_PARALLELISM = 128;

  private int parallelism = 1;
  private int maxParallelism = DEFAULT_MAX_PARALLELISM;
  private long checkpointIntervalMillis = -1;
  private String checkpointDirectory;
  private StateBackendKind stateBackend = StateBackendKind.HEAP;
  private String rocksDbDirectory;
  private RestartStrategy restartStrategy = RestartStrategy.none();
  private long autoWatermarkIntervalMillis = 200;
  private long bufferTimeoutMillis = 10;
  private long latencyMarkerIntervalMillis = 0;
  private int bufferSizeBytes = 32 * 1024;
  private int recordsPerLocalBuffer = 1024;
  private int exclusiveBuffersPerChannel = 2;
  private int floatingBuffersPerGate = 8;
  private String restoreFrom;
  private String kafkaBootstrapServers;
  /** Sorted, so that equal settings print alike; a TreeMap is Serializable. */
  private TreeMap<String, String> durableExchangeProperties = new TreeMap<>();

  /** System property naming the Kafka bootstrap servers when the job does not ({@link #kafkaBootstrapServers()}). */
  public static final String KAFKA_BOOTSTRAP_PROPERTY = "rivulet.kafka.bootstrap";
  /** Environment variable read when neither the job nor {@link #KAFKA_BOOTSTRAP_PROPERTY} names them. */
  public static final String KAFKA_BOOTSTRAP_ENV = "RIVULET_KAFKA_BOOTSTRAP";

  public int parallelism() {
    return parallelism;
  }

  public JobConfig parallelism(int p) {
    if (p < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + p);
    }
    this.parallelism = p;
    return this;
  }

  public int maxParallelism() {
    return maxParallelism;
  }

  public JobConfig maxParallelism(int p) {
    if (p < 1 || p > 32768) {
      throw new IllegalArgumentException("max parallelism must be in [1, 32768], was " + p);
    }
    this.maxParallelism = p;
    return this;
  }

  /** Checkpoint interval, or -1 when checkpointing is off. */
  public long checkpointIntervalMillis() {
    return checkpointIntervalMillis;
  }

  public JobConfig checkpointInterval(Duration interval) {
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("checkpoint interval must be at least 1 ms, was " + interval);
    }
    this.checkpointIntervalMillis = interval.toMillis();
    return this;
  }

  /** Where checkpoints are written; null means a temporary directory chosen by the executor. */
  public String checkpointDirectory() {
    return checkpointDirectory;
  }

  public JobConfig checkpointDirectory(String dir) {
    this.checkpointDirectory = dir;
    return this;
  }

  public StateBackendKind stateBackend() {
    return stateBackend;
  }

  public JobConfig stateBackend(StateBackendKind kind) {
    this.stateBackend = Objects.requireNonNull(kind);
    return this;
  }

  /** Working directory for RocksDB instances; null means a temporary directory. */
  public String rocksDbDirectory() {
    return rocksDbDirectory;
  }

  public JobConfig rocksDbDirectory(String dir) {
    this.rocksDbDirectory = dir;
    return this;
  }

  public RestartStrategy restartStrategy() {
    return restartStrategy;
  }

  public JobConfig restartStrategy(RestartStrategy strategy) {
    this.restartStrategy = Objects.requireNonNull(strategy);
    return this;
  }

  public long autoWatermarkIntervalMillis() {
    return autoWatermarkIntervalMillis;
  }

  public JobConfig autoWatermarkInterval(Duration interval) {
    this.autoWatermarkIntervalMillis = Math.max(1, interval.toMillis());
    return this;
  }

  /** How long a partly filled output buffer may wait before it is sent; 0 sends after every record. */
  public long bufferTimeoutMillis() {
    return bufferTimeoutMillis;
  }

  public JobConfig bufferTimeout(Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("buffer timeout must not be negative: " + timeout);
    }
    this.bufferTimeoutMillis = timeout.toMillis();
    return this;
  }

  /**
   * How often each source subtask sends a latency marker downstream, or 0 (the default) when it sends none. A
   * marker is a small event that passes the operators and exchanges beside the records; where it reaches a task
   * with a sink, the runtime reports the time since it left the source (a "record latency" span and the
   * {@code rivulet.task.record.latency} timer).
   */
  public long latencyMarkerIntervalMillis() {
    return latencyMarkerIntervalMillis;
  }

  /** Sends latency markers every {@code interval}; {@link Duration#ZERO} switches them off. */
  public JobConfig latencyMarkerInterval(Duration interval) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("latency marker interval must not be negative: " + interval);
    }
    this.latencyMarkerIntervalMillis = interval.toMillis();
    return this;
  }

  /** Size of a network buffer for serialized exchanges (DIRECT). */
  public int bufferSizeBytes() {
    return bufferSizeBytes;
  }

  public JobConfig bufferSizeBytes(int size) {
    if (size < 1024) {
      throw new IllegalArgumentException("buffer size must be at least 1024 bytes, was " + size);
    }
    this.bufferSizeBytes = size;
    return this;
  }

  /** Capacity (records) of one buffer of a LOCAL exchange, where records are not serialized. */
  public int recordsPerLocalBuffer() {
    return recordsPerLocalBuffer;
  }

  public JobConfig recordsPerLocalBuffer(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("records per local buffer must be at least 1, was " + n);
    }
    this.recordsPerLocalBuffer = n;
    return this;
  }

  /** Buffers each input channel owns, its initial credit. */
  public int exclusiveBuffersPerChannel() {
    return exclusiveBuffersPerChannel;
  }

  public JobConfig exclusiveBuffersPerChannel(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("exclusive buffers per channel must be at least 1, was " + n);
    }
    this.exclusiveBuffersPerChannel = n;
    return this;
  }

  /** Extra buffers an input gate lends to channels with a backlog. */
  public int floatingBuffersPerGate() {
    return floatingBuffersPerGate;
  }

  public JobConfig floatingBuffersPerGate(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("floating buffers must not be negative, was " + n);
    }
    this.floatingBuffersPerGate = n;
    return this;
  }

  /** A checkpoint or savepoint directory to start from, or null. */
  public String restoreFrom() {
    return restoreFrom;
  }

  public JobConfig restoreFrom(String path) {
    this.restoreFrom = path;
    return this;
  }

  /**
   * Kafka bootstrap servers of the DURABLE exchange. When the job sets none, the JVM that runs the tasks decides:
   * its system property {@value #KAFKA_BOOTSTRAP_PROPERTY}, else the environment variable
   * {@value #KAFKA_BOOTSTRAP_ENV} (so a task runtime or the demo can point every job at its broker). Null when
   * none of them is set; a job with a DURABLE edge then fails at deployment, saying so.
   */
  public String kafkaBootstrapServers() {
    if (kafkaBootstrapServers != null) {
      return kafkaBootstrapServers;
    }
    String p = System.getProperty(KAFKA_BOOTSTRAP_PROPERTY);
    return p != null && !p.isBlank() ? p : System.getenv(KAFKA_BOOTSTRAP_ENV);
  }

  public JobConfig kafkaBootstrapServers(String servers) {
    this.kafkaBootstrapServers = servers;
    return this;
  }

  /**
   * Settings of the DURABLE exchange, by name: {@code partitions.per.consumer} (2), {@code replication.factor}
   * (1), {@code max.inflight.bytes} per producer subtask, {@code buffers} per consumer channel, and Kafka
   * client/topic settings passed through with the prefixes {@code producer.}, {@code consumer.}, {@code admin.}
   * and {@code topic.} (e.g. {@code producer.linger.ms}, {@code topic.retention.ms}).
   */
  public Map<String, String> durableExchangeProperties() {
    return java.util.Collections.unmodifiableMap(durableExchangeProperties);
  }

  public JobConfig durableExchangeProperty(String name, String value) {
    durableExchangeProperties.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
    return this;
  }

  public JobConfig copy() {
    JobConfig c = new JobConfig();
    c.parallelism = parallelism;
    c.maxParallelism = maxParallelism;
    c.checkpointIntervalMillis = checkpointIntervalMillis;
    c.checkpointDirectory = checkpointDirectory;
    c.stateBackend = stateBackend;
    c.rocksDbDirectory = rocksDbDirectory;
    c.restartStrategy = restartStrategy;
    c.autoWatermarkIntervalMillis = autoWatermarkIntervalMillis;
    c.bufferTimeoutMillis = bufferTimeoutMillis;
    c.latencyMarkerIntervalMillis = latencyMarkerIntervalMillis;
    c.bufferSizeBytes = bufferSizeBytes;
    c.recordsPerLocalBuffer = recordsPerLocalBuffer;
    c.exclusiveBuffersPerChannel = exclusiveBuffersPerChannel;
    c.floatingBuffersPerGate = floatingBuffersPerGate;
    c.restoreFrom = restoreFrom;
    c.kafkaBootstrapServers = kafkaBootstrapServers;
    c.durableExchangeProperties = new TreeMap<>(durableExchangeProperties);
    return c;
  }
}
