package io.rivulet.api;

import io.rivulet.api.config.JobConfig;
import io.rivulet.api.config.RestartStrategy;
import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.connector.ElementsSource;
import io.rivulet.api.connector.GeneratorFunction;
import io.rivulet.api.connector.GeneratorSource;
import io.rivulet.api.connector.Source;
import io.rivulet.api.graph.GraphValidationException;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobGraphCompiler;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.graph.OperatorTransformation;
import io.rivulet.api.graph.StreamGraph;
import io.rivulet.api.graph.StreamGraphBuilder;
import io.rivulet.api.graph.Transformation;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.watermark.WatermarkStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * Where a job starts: sources, job-wide settings, and {@link #execute}. Nothing runs before
 * {@code execute}; every call only adds a step to the graph.
 *
 * <pre>{@code
 * StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
 * env.fromSequence(0, 999).map(x -> x * 2).returns(Types.LONG).print();
 * env.execute("doubles");
 * }</pre>
 *
 * Not thread-safe: build a job from one thread.
 */
public class StreamEnvironment {
  /**
   * Set while a client (the CLI, the control plane) runs a job's {@code main}, so that
   * {@link #getExecutionEnvironment()} submits to where the client wants.
   */
  private static final ThreadLocal<Supplier<JobExecutor>> CONTEXT = new ThreadLocal<>();
  /** Set with {@link #CONTEXT}: the settings a client submits with (parallelism, savepoint to start from). */
  private static final ThreadLocal<JobConfig> CONTEXT_CONFIG = new ThreadLocal<>();

  private final JobConfig config;
  private final List<Transformation<?>> transformations = new ArrayList<>();
  private JobExecutor executor;
  private int nextId = 1;

  protected StreamEnvironment(JobExecutor executor) {
    this(executor, new JobConfig());
  }

  private StreamEnvironment(JobExecutor executor, JobConfig config) {
    this.executor = executor;
    this.config = config;
  }

  /** An environment that runs jobs with the given executor. */
  public static StreamEnvironment create(JobExecutor executor) {
    return new StreamEnvironment(Objects.requireNonNull(executor));
  }

  /**
   * The environment for the context this code runs in: the cluster when submitted through a client,
   * otherwise the executor found on the class path (the embedded local executor of {@code rivulet-engine}).
   */
  public static StreamEnvironment getExecutionEnvironment() {
    Supplier<JobExecutor> context = CONTEXT.get();
    JobConfig defaults = CONTEXT_CONFIG.get();
    return new StreamEnvironment(context != null ? context.get() : null,
        defaults != null ? defaults.copy() : new JobConfig());
  }

  /** For clients: make {@link #getExecutionEnvironment()} on this thread use {@code executor}. */
  public static void setContextExecutor(Supplier<JobExecutor> executor) {
    if (executor == null) {
      CONTEXT.remove();
    } else {
      CONTEXT.set(executor);
    }
  }

  /**
   * For clients: environments made by {@link #getExecutionEnvironment()} on this thread start from a copy of
   * {@code defaults} (e.g. the parallelism given at submission); the job's own settings still win. Null clears.
   */
  public static void setContextConfig(JobConfig defaults) {
    if (defaults == null) {
      CONTEXT_CONFIG.remove();
    } else {
      CONTEXT_CONFIG.set(defaults.copy());
    }
  }

  public JobConfig config() {
    return config;
  }

  public StreamEnvironment setParallelism(int parallelism) {
    config.parallelism(parallelism);
    return this;
  }

  public StreamEnvironment setMaxParallelism(int maxParallelism) {
    config.maxParallelism(maxParallelism);
    return this;
  }

  /** Takes a checkpoint every {@code interval}; off by default. */
  public StreamEnvironment enableCheckpointing(Duration interval) {
    config.checkpointInterval(interval);
    return this;
  }

  public StreamEnvironment setStateBackend(StateBackendKind kind) {
    config.stateBackend(kind);
    return this;
  }

  public StreamEnvironment setRestartStrategy(RestartStrategy strategy) {
    config.restartStrategy(strategy);
    return this;
  }

  /**
   * The Kafka cluster of this job's DURABLE exchanges. Optional: without it the executing JVM's system property
   * {@code rivulet.kafka.bootstrap} (or {@code RIVULET_KAFKA_BOOTSTRAP}) decides (see {@link JobConfig#kafkaBootstrapServers()}).
   */
  public StreamEnvironment setKafkaBootstrapServers(String servers) {
    config.kafkaBootstrapServers(servers);
    return this;
  }

  // ---------------------------------------------------------------- sources

  /** A bounded source of the given elements, in order, with parallelism 1; the type comes from the first. */
  @SafeVarargs
  public final <T> DataStream<T> fromElements(T... elements) {
    if (elements.length == 0) {
      throw new IllegalArgumentException("fromElements needs at least one element to know the type;"
          + " use fromCollection(list, type) for an empty source");
    }
    @SuppressWarnings("unchecked")
    TypeSerializer<T> type = Types.of((Class<T>) elements[0].getClass());
    return fromCollection(Arrays.asList(elements), type);
  }

  /** A bounded source of the given elements, in order, with parallelism 1. */
  public <T> DataStream<T> fromCollection(Collection<? extends T> elements, TypeSerializer<T> type) {
    DataStream<T> s = fromSource(new ElementsSource<>(type, elements), null, "Elements");
    s.parallelism(1);
    return s;
  }

  /** The numbers {@code from..to} (inclusive), split over the parallel subtasks in contiguous ranges. */
  public DataStream<Long> fromSequence(long from, long to) {
    if (to < from) {
      throw new IllegalArgumentException("sequence end " + to + " is before its start " + from);
    }
    return fromSource(new GeneratorSource<>(i -> from + i, to - from + 1, 0, Types.LONG, "Sequence",
        GeneratorSource.Split.RANGES), null, "Sequence");
  }

  /**
   * Records made by {@code generator} from indexes 0..count-1 (count -1: unbounded), at
   * {@code recordsPerSecond} over all subtasks (0: as fast as possible). Subtask {@code i} of {@code p}
   * generates indexes {@code i, i+p, ...} in order (see {@link GeneratorSource.Split#STRIDED}).
   */
  public <T> DataStream<T> fromGenerator(GeneratorFunction<T> generator, long count, double recordsPerSecond,
      TypeSerializer<T> type) {
    return fromSource(new GeneratorSource<>(generator, count, recordsPerSecond, type, "Generator"), null,
        "Generator");
  }

  /**
   * Any source; {@code watermarks} (may be null) assigns timestamps and watermarks right at the source.
   */
  public <T> DataStream<T> fromSource(Source<T> source, WatermarkStrategy<T> watermarks, String name) {
    return new DataStream<>(this, addOperator(name == null ? source.name() : name,
        new OperatorSpec.SourceOp(source, watermarks), List.of(), source.outputType(), null, null));
  }

  // ---------------------------------------------------------------- building and running

  int nextId() {
    return nextId++;
  }

  <T> OperatorTransformation<T> addOperator(String name, OperatorSpec spec, List<Transformation<?>> inputs,
      TypeSerializer<T> outputType, io.rivulet.api.functions.KeySelector<?, ?>[] keys, TypeSerializer<?> keyType) {
    OperatorTransformation<T> t = new OperatorTransformation<>(nextId(), name, spec, inputs, outputType, keys, keyType);
    transformations.add(t);
    return t;
  }

  /** The operators and edges added so far, before chaining. */
  public StreamGraph streamGraph(String jobName) {
    return StreamGraphBuilder.build(jobName, config.copy(), transformations);
  }

  /**
   * The validated, chained graph.
   *
   * @throws GraphValidationException naming what is wrong and where
   */
  public JobGraph jobGraph(String jobName) {
    return JobGraphCompiler.compile(streamGraph(jobName));
  }

  /** Builds, validates and runs the job; returns when it ended. */
  public JobExecutionResult execute(String jobName) throws Exception {
    JobGraph graph = jobGraph(jobName);
    return executor().execute(graph);
  }

  private JobExecutor executor() {
    if (executor == null) {
      executor = ServiceLoader.load(JobExecutorFactory.class).stream()
          .map(ServiceLoader.Provider::get)
          .max(Comparator.comparingInt(JobExecutorFactory::priority))
          .map(JobExecutorFactory::create)
          .orElseThrow(() -> new IllegalStateException("no job executor found: put rivulet-engine on the class"
              + " path to run embedded, or submit the job to a cluster with 'rivulet submit'"));
    }
    return executor;
  }
}
