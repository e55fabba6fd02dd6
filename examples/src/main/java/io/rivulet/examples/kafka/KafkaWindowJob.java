package io.rivulet.examples.kafka;

import io.rivulet.api.DataStream;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.config.RestartStrategy;
import io.rivulet.api.connector.SourceGate;
import io.rivulet.api.functions.AggregateFunction;
import io.rivulet.api.functions.Collector;
import io.rivulet.api.functions.MapFunction;
import io.rivulet.api.functions.ProcessWindowFunction;
import io.rivulet.api.functions.RuntimeContext;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.tuple.Tuple2;
import io.rivulet.api.watermark.WatermarkStrategy;
import io.rivulet.api.windowing.TimeWindow;
import io.rivulet.api.windowing.TumblingEventTimeWindows;
import io.rivulet.avro.AvroKafkaSerdes;
import io.rivulet.avro.AvroSerializer;
import io.rivulet.examples.ExampleArgs;
import io.rivulet.kafka.DeliveryGuarantee;
import io.rivulet.kafka.KafkaRecordDeserializer;
import io.rivulet.kafka.KafkaRecordSerializer;
import io.rivulet.kafka.KafkaSink;
import io.rivulet.kafka.KafkaSource;
import io.rivulet.schemas.bench.KeyedValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka in, Kafka out, exactly once: reads keyed numbers from a topic (event time = the Kafka record timestamp,
 * watermarks per partition with bounded out-of-orderness), shuffles them by key through the DURABLE exchange (a
 * Kafka topic, so the shuffle survives the loss of a task runtime without replaying the source), counts and sums
 * each key's values per tumbling event-time window, and writes one record per (key, window) to an output topic
 * in Kafka transactions that commit with the checkpoints.
 *
 * <p>Input records: the value is a {@link KeyedValue} (key, timestamp, value; the Kafka record key is not read)
 * in Avro, framed by the Apicurio serde: the id of the writer's schema, then the Avro bytes. The source fetches
 * that schema from the registry ({@code --registry}) and reads the record into {@link KeyedValue}'s schema, so
 * input written with any compatible version of the schema is read; a record it cannot read (no id, an unknown
 * id, an incompatible schema) goes to the source's dead-letter topic. The event time is still the Kafka record
 * timestamp, which the writer sets to the value's {@code timestamp}. Output records: key = {@code key@windowStart},
 * value = {@link WindowSum#toCsv()}, timestamp = the window's last millisecond.
 *
 * <p>In between, the records are Avro too ({@link KeyedValue}, a generated class of rivulet-schemas): on a
 * control plane with a registry ({@code rivulet.registry.url}), submitting the job registers their schema under
 * {@code <job>-e<edge>-value} for the DURABLE edge, and a schema the subject's rule refuses stops the job there.
 * (The DURABLE topic's payloads carry no schema id: the edge has one schema, fixed at submission.)
 *
 * <p>The source is bounded (it reads up to the end offsets it finds when it first starts), so the job ends once
 * it has read what the topic held at submission and the final watermark has fired the last windows.
 */
public final class KafkaWindowJob {
  public static final TypeSerializer<KeyedValue> EVENT = AvroSerializer.of(KeyedValue.class);
  public static final TypeSerializer<WindowSum> SUM = Types.of(WindowSum.class);

  private KafkaWindowJob() {}

  /**
   * Options: {@code --bootstrap HOST:PORT --registry URL --input TOPIC --output TOPIC} (the registry's base URL,
   * e.g. {@code http://localhost:8080}) and optionally {@code --window-ms}
   * (1000), {@code --out-of-orderness-ms} (200), {@code --checkpoint-interval} (ms, 1000), {@code --parallelism},
   * {@code --rate} (records per second per subtask, 0 = as fast as possible: a replayed topic then flows like a
   * live feed, which makes a demo or a failover test last long enough to watch), {@code --hold-at-offset N
   * --release-file PATH} (no record at or past offset N of a partition is read until the file exists, see
   * {@link KafkaSource.Builder#holdAt}: a test kills a runtime while the job certainly has input left).
   */
  public static void main(String[] args) throws Exception {
    ExampleArgs a = new ExampleArgs(args);
    String bootstrap = required(a, "bootstrap");
    String registry = required(a, "registry");
    String input = required(a, "input");
    String output = required(a, "output");
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    if (a.has("parallelism")) {
      env.setParallelism((int) a.getLong("parallelism", 2));
    }
    // a lost task runtime or a failed task restarts the job from its latest completed checkpoint
    env.enableCheckpointing(Duration.ofMillis(a.getLong("checkpoint-interval", 1_000)))
        .setRestartStrategy(RestartStrategy.fixedDelay(3, Duration.ofSeconds(1)));
    // the DURABLE exchange uses the same cluster as the job's source and sink
    env.setKafkaBootstrapServers(bootstrap);
    if (a.has("hold-at-offset") != a.has("release-file")) {
      throw new IllegalArgumentException("--hold-at-offset and --release-file come together");
    }
    UnaryOperator<KafkaSource.Builder<KeyedValue>> hold = !a.has("hold-at-offset") ? UnaryOperator.identity()
        : b -> b.holdAt(a.getLong("hold-at-offset", 0), SourceGate.whenFileExists(Path.of(a.get("release-file", ""))));
    build(env, bootstrap, registry, input, output, a.getLong("window-ms", 1_000),
        a.getLong("out-of-orderness-ms", 200), a.getLong("rate", 0), hold);
    env.execute(jobName(input, output));
  }

  /** The job's name, which also names its DURABLE topic and registry subject. */
  public static String jobName(String input, String output) {
    return "kafka window sums " + input + " to " + output;
  }

  /**
   * The pipeline; {@code registryUrl} is where the input's schemas are looked up, {@code rate} in records per
   * second per subtask (0: unthrottled).
   */
  public static void build(StreamEnvironment env, String bootstrap, String registryUrl, String input, String output,
      long windowMs, long outOfOrdernessMs, long rate) {
    build(env, bootstrap, registryUrl, input, output, windowMs, outOfOrdernessMs, rate, UnaryOperator.identity());
  }

  /** As above; {@code sourceOptions} may set more of the source (e.g. {@link KafkaSource.Builder#holdAt}). */
  public static void build(StreamEnvironment env, String bootstrap, String registryUrl, String input, String output,
      long windowMs, long outOfOrdernessMs, long rate, UnaryOperator<KafkaSource.Builder<KeyedValue>> sourceOptions) {
    KafkaSource<KeyedValue> source = sourceOptions.apply(KafkaSource.<KeyedValue>builder()
        .bootstrapServers(bootstrap)
        .topic(input)
        .deserializer(new RegistryKeyedValues(registryUrl))
        .outputType(EVENT)
        .bounded(true)
        // no timestamp assigner: the Kafka record timestamp is the event time
        .watermarkStrategy(WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(outOfOrdernessMs)))
        // small batches, so that a throttled subtask still reaches checkpoint barriers often
        .maxRecordsPerPoll(100))
        .build();
    KafkaSink<WindowSum> sink = KafkaSink.<WindowSum>builder()
        .bootstrapServers(bootstrap)
        .topic(output)
        .serializer(KafkaRecordSerializer.of(s -> (s.key() + "@" + s.start()).getBytes(StandardCharsets.UTF_8),
            s -> s.toCsv().getBytes(StandardCharsets.UTF_8)))
        .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        // one prefix per output topic: stable across restarts of the job, distinct between jobs
        .transactionalIdPrefix("kafka-window-sums-" + output)
        .build();

    DataStream<KeyedValue> events = env.fromSource(source, null, "Events");
    if (rate > 0) {
      events = events.map(new Pace<>(rate), EVENT).name("Pace");
    }
    events.keyBy(KeyedValue::getKey, Types.LONG).durable()
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(windowMs)))
        .aggregate(new CountAndSum(), new Label(), Types.tuple2(Types.LONG, Types.LONG), SUM)
        .name("Count and sum per window")
        .sinkTo(sink).name("Window sums");
  }

  /**
   * Input values through the Apicurio deserializer into {@link KeyedValue}'s schema. The serde is made on first use
   * in each subtask (it is not serializable, and it opens a registry client); it caches the schemas it fetched by id,
   * so the registry is not asked per record. The generic record is copied into the generated
   * class because the deserializer reads generic records in a given reader schema, the one thing that lets it read
   * older or newer compatible versions.
   */
  static final class RegistryKeyedValues implements KafkaRecordDeserializer<KeyedValue> {
    private final String registryUrl;
    private transient Deserializer<GenericRecord> avro;

    RegistryKeyedValues(String registryUrl) {
      this.registryUrl = registryUrl;
    }

    @Override
    public KeyedValue deserialize(ConsumerRecord<byte[], byte[]> record) {
      if (record.value() == null) {
        throw new IllegalArgumentException("an input record needs a value");
      }
      if (avro == null) {
        avro = AvroKafkaSerdes.deserializer(registryUrl, KeyedValue.getClassSchema());
      }
      GenericRecord r = avro.deserialize(record.topic(), record.headers(), record.value());
      return new KeyedValue((Long) r.get("key"), (Long) r.get("timestamp"), (Long) r.get("value"));
    }
  }

  private static String required(ExampleArgs a, String name) {
    if (!a.has(name)) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return a.get(name, null);
  }

  /** (count, sum) of a window's values. */
  static final class CountAndSum implements AggregateFunction<KeyedValue, Tuple2<Long, Long>, Tuple2<Long, Long>> {
    @Override
    public Tuple2<Long, Long> createAccumulator() {
      return Tuple2.of(0L, 0L);
    }

    @Override
    public Tuple2<Long, Long> add(KeyedValue e, Tuple2<Long, Long> acc) {
      return Tuple2.of(acc.f0() + 1, acc.f1() + e.getValue());
    }

    @Override
    public Tuple2<Long, Long> getResult(Tuple2<Long, Long> acc) {
      return acc;
    }

    @Override
    public Tuple2<Long, Long> merge(Tuple2<Long, Long> a, Tuple2<Long, Long> b) {
      return Tuple2.of(a.f0() + b.f0(), a.f1() + b.f1());
    }
  }

  /** Adds the key and the window to the (count, sum). */
  static final class Label implements ProcessWindowFunction<Tuple2<Long, Long>, WindowSum, Long, TimeWindow> {
    @Override
    public void process(Long key, Context<TimeWindow> ctx, Iterable<Tuple2<Long, Long>> sums,
        Collector<WindowSum> out) {
      Tuple2<Long, Long> s = sums.iterator().next();
      out.collect(new WindowSum(key, ctx.window().start(), ctx.window().end(), s.f0(), s.f1()));
    }
  }

  /**
   * Lets records through at most at {@code rate} per second (per subtask) by sleeping on the task thread when
   * ahead of schedule. Only for replaying a topic like a live feed; it holds back the whole chain, on purpose.
   */
  static final class Pace<T> implements MapFunction<T, T> {
    private final long rate;
    private transient long startNanos;
    private transient long count;

    Pace(long rate) {
      this.rate = rate;
    }

    @Override
    public void open(RuntimeContext context) {
      startNanos = System.nanoTime();
      count = 0;
    }

    @Override
    public T map(T value) throws InterruptedException {
      long due = startNanos + ++count * 1_000_000_000L / rate;
      long aheadMillis = (due - System.nanoTime()) / 1_000_000;
      if (aheadMillis >= 2) { // sleeping for less is mostly timer slack
        Thread.sleep(aheadMillis);
      }
      return value;
    }
  }
}
