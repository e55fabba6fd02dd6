package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.graph.Exchange;
import io.rivulet.api.graph.JobEdge;
import io.rivulet.avro.AvroKafkaSerdes;
import io.rivulet.client.RivuletClient;
import io.rivulet.examples.kafka.KafkaWindowJob;
import io.rivulet.examples.kafka.WindowSum;
import io.rivulet.kafka.local.LocalApicurio;
import io.rivulet.kafka.local.LocalKafka;
import io.rivulet.registry.RegistryClient;
import io.rivulet.registry.SchemaRegistration;
import io.rivulet.schemas.bench.KeyedValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end against a real Kafka broker and a real Apicurio Registry: the {@link KafkaWindowJob} (Kafka source,
 * keyBy over the DURABLE exchange, event-time tumbling windows, exactly-once Kafka sink) runs on a control plane
 * and three task runtimes, each its own JVM; in the middle of the job (its source held half way through the input)
 * a runtime that hosts its tasks is killed with SIGKILL. The job must recover from its last checkpoint and finish, and a {@code read_committed} consumer of
 * the output topic must see every (key, window) result exactly once, with the count and sum computed here from
 * the input written.
 *
 * <p>The registry's part: the input is written here with the Apicurio serializer, which registers the input's
 * schema under {@code <input>-value} and puts its id in every record; the job's source (in the task runtimes)
 * fetches the schema by that id and reads the records into its own. The records crossing the DURABLE exchange
 * are Avro too, and the control plane registers their schema at submission; the DURABLE topic's payloads carry no
 * schema id. The output topic holds text. A record the source could not read would go to its dead-letter topic
 * and be missing from the output, so the exact comparison of the output also checks the registry path.
 */
class KafkaExactlyOnceFailoverIT {
  private static final String INPUT = "window-input";
  private static final String OUTPUT = "window-sums";
  private static final int KEYS = 8;
  private static final long RECORDS = 60_000;
  private static final long WINDOW_MS = 1_000;
  /** Event time advances 5 ms per record; records go up to 180 ms back, within the job's 200 ms of disorder. */
  private static final long STEP_MS = 5;
  private static final long OUT_OF_ORDERNESS_MS = 200;
  /**
   * The job's source reads no record at or past this offset of a partition (half of each) until the test releases
   * it: the kill lands while the job certainly has input left and windows still to fire.
   */
  private static final long HOLD_AT_OFFSET = RECORDS / 2 / 2;

  private static LocalKafka kafka;
  private static LocalApicurio registry;
  private static LocalCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    kafka = LocalKafka.builder().start();
    registry = LocalApicurio.builder().start();
    // three runtimes of two slots: after one is killed, the job (parallelism 2) still finds its slots
    cluster = new LocalCluster("kafka-exactly-once", 3, 2, List.of("-Drivulet.kafka.bootstrap=" + kafka.bootstrapServers()),
        List.of("-Drivulet.registry.url=" + registry.url()));
    // one input partition per source subtask: a subtask's watermark is the minimum over its partitions, and a
    // consumer drains one partition's fetched data before the next one's, so with several partitions per subtask
    // the windows would fire in bursts, seconds late, and the test would have to run longer to kill mid-job
    kafka.createTopic(INPUT, 2);
    kafka.createTopic(OUTPUT, 2);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void killingARuntimeMidJobLeavesEveryWindowResultExactlyOnceInTheOutputTopic() throws Exception {
    // event times a few minutes back, aligned to a window: recent enough for the broker's retention by time
    long base = (System.currentTimeMillis() - Duration.ofMinutes(10).toMillis()) / WINDOW_MS * WINDOW_MS;
    Map<String, WindowSum> expected = writeInput(base);

    RivuletClient client = cluster.client();
    String jarId = client.uploadJar(Path.of(System.getProperty("rivulet.examples.jar")));
    Path release = cluster.shared("release").resolve("release");
    String jobId = client.runJar(jarId, KafkaWindowJob.class.getName(), List.of("--bootstrap", kafka.bootstrapServers(),
        "--registry", registry.url(), "--input", INPUT, "--output", OUTPUT, "--window-ms", String.valueOf(WINDOW_MS),
        "--out-of-orderness-ms", String.valueOf(OUT_OF_ORDERNESS_MS), "--checkpoint-interval", "500",
        "--hold-at-offset", String.valueOf(HOLD_AT_OFFSET), "--release-file", release.toString()), 2, null);
    RegistryClient registryClient = new RegistryClient(registry.url());
    assertThat(registryClient.latestSchema(INPUT + "-value"))
        .as("the schema of the input's values, registered by the serializer that wrote them").hasValueSatisfying(
            schema -> assertThat(schema).contains("\"KeyedValue\"").contains("io.rivulet.schemas.bench"));
    assertThat(registryClient.latestSchema(durableSubject()))
        .as("the schema of the DURABLE edge's records, registered at submission").hasValueSatisfying(
            schema -> assertThat(schema).contains("\"KeyedValue\"").contains("io.rivulet.schemas.bench"));

    // past a few checkpoints (they go on while the source is held), until results are committed to the output topic
    // (the windows before the hold fire: the watermark passes them; the restored sink must not write them again),
    // then kill a runtime that hosts a subtask of the sink: the two-phase commit's recovery is what is under test
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> checkpoints(client, jobId).path("completed").asLong() >= 3);
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> !readCommitted(OUTPUT).isEmpty());
    int committedBeforeKill = readCommitted(OUTPUT).size();
    String victimId = null;
    for (JsonNode v : client.job(jobId).path("vertices")) {
      if (v.path("name").asText().contains("Window sums")) {
        victimId = v.path("subtasks").get(0).path("taskmanager-id").asText();
      }
    }
    assertThat(victimId).as("the runtime of the sink's first subtask").matches("runtime-[0-2]");
    assertThat(client.jobState(jobId)).as("the job still runs when the runtime is killed").isEqualTo("RUNNING");
    cluster.kill(Integer.parseInt(victimId.substring("runtime-".length())));

    // the DURABLE exchange has no connection to break: the missing heartbeats tell, and the job fails over to the
    // runtimes left (its held source keeps it from ending meanwhile); then the rest of the input goes in
    String lost = victimId;
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> client.get("v1/jobs/" + jobId + "/exceptions").toString().contains(lost));
    Files.createFile(release);
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
        .until(() -> List.of("FINISHED", "FAILED", "CANCELED").contains(client.jobState(jobId)));
    assertThat(client.jobState(jobId)).as("exceptions: %s", client.get("v1/jobs/" + jobId + "/exceptions"))
        .isEqualTo("FINISHED");
    assertThat(checkpoints(client, jobId).path("restored").asLong()).as("the job restarted from a checkpoint")
        .isGreaterThanOrEqualTo(1);

    Map<String, WindowSum> seen = new HashMap<>();
    List<String> duplicates = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readCommitted(OUTPUT)) {
      WindowSum s = WindowSum.parseCsv(new String(r.value(), StandardCharsets.UTF_8));
      String id = s.key() + "@" + s.start();
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(id);
      if (seen.put(id, s) != null) {
        duplicates.add(id);
      }
    }
    assertThat(committedBeforeKill).as("the kill came before the last results were committed (the held input's"
        + " windows cannot have fired)").isLessThan(expected.size());
    assertThat(duplicates).as("results seen more than once").isEmpty();
    assertThat(seen).as("every window of every key, with its count and sum, and nothing else")
        .containsExactlyInAnyOrderEntriesOf(expected);
  }

  /**
   * Writes the input (Avro {@link KeyedValue}s through the registry's serializer: key {@code i mod KEYS}, value
   * {@code i mod 1000}, timestamp {@code base + i*STEP_MS} minus up to 180 ms of deterministic jitter, also the
   * Kafka record's timestamp; partition {@code i mod 2}; no Kafka key) and returns the results the job must
   * produce, by key@start.
   */
  private static Map<String, WindowSum> writeInput(long base) throws Exception {
    Map<String, WindowSum> expected = new HashMap<>();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    try (Serializer<KeyedValue> avro = AvroKafkaSerdes.serializer(registry.url());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (long i = 0; i < RECORDS; i++) {
        long key = i % KEYS;
        long value = i % 1000;
        long ts = base + i * STEP_MS - (i * 7919 % 37) * STEP_MS;
        // round robin over the partitions: every key comes from both source subtasks, so keyBy really shuffles
        producer.send(new ProducerRecord<>(INPUT, (int) (i % 2), ts, null,
            avro.serialize(INPUT, new KeyedValue(key, ts, value))));
        long start = Math.floorDiv(ts, WINDOW_MS) * WINDOW_MS;
        expected.merge(key + "@" + start, new WindowSum(key, start, start + WINDOW_MS, 1, value),
            (a, b) -> new WindowSum(a.key(), a.start(), a.end(), a.count() + b.count(), a.sum() + b.sum()));
      }
      producer.flush();
    }
    return expected;
  }

  /** Every committed record of {@code topic}, from the start up to its end offsets now. */
  private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // read_committed: the end offsets are the last stable offsets, past every transaction that has ended
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
      });
    }
    return out;
  }

  /** The registry subject of the job's DURABLE edge, from the job's graph built here as the client would. */
  private static String durableSubject() {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    KafkaWindowJob.build(env, kafka.bootstrapServers(), registry.url(), INPUT, OUTPUT, WINDOW_MS, OUT_OF_ORDERNESS_MS, 0);
    String name = KafkaWindowJob.jobName(INPUT, OUTPUT);
    JobEdge durable = env.jobGraph(name).edges().stream().filter(e -> e.exchange() == Exchange.DURABLE)
        .findFirst().orElseThrow();
    return SchemaRegistration.durableSubject(name, durable.id());
  }

  private static JsonNode checkpoints(RivuletClient client, String jobId) {
    return client.get("v1/jobs/" + jobId + "/checkpoints").path("counts");
  }
}
