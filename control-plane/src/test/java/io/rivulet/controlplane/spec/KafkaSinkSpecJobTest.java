package io.rivulet.controlplane.spec;

import io.rivulet.runtime.jobmaster.JobStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.builtins.kafka.RecordKafkaSink;
import io.rivulet.builtins.records.KeySummary;
import io.rivulet.controlplane.jobs.JobDefaults;
import io.rivulet.controlplane.jobs.JobOrigin;
import io.rivulet.controlplane.jobs.JobSubmission;
import io.rivulet.controlplane.jobs.UserCode;
import io.rivulet.controlplane.jobs.DispatcherJobService;
import io.rivulet.controlplane.support.EmbeddedServices;
import io.rivulet.controlplane.spec.builtins.FifoCheckOperator;
import io.rivulet.controlplane.spec.builtins.KafkaSinkBuiltIn;
import io.rivulet.controlplane.spec.builtins.KeyedRelay;
import io.rivulet.controlplane.spec.builtins.KeyedSequenceSource;
import io.rivulet.controlplane.store.JobStore;
import io.rivulet.kafka.local.LocalKafka;
import io.rivulet.kafka.local.LocalKafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's pipeline as a spec — keyed-sequence-source → keyed-relay → fifo-check → kafka-sink — run by the
 * embedded job service against a real Kafka broker; its verdicts are read back from the topic and parsed as a
 * reader of the demo would.
 */
@ExtendWith(LocalKafkaExtension.class)
class KafkaSinkSpecJobTest {
  private static final int KEYS = 8;
  private static final int RECORDS = 16_000;
  private static final long PER_KEY = RECORDS / KEYS;

  @TempDir Path dir;
  private final LocalKafka kafka;
  private final ObjectMapper json = new ObjectMapper();
  private final SpecCompiler specs = new SpecCompiler(new BuiltInRegistry(List.of(new KeyedSequenceSource(),
      new KeyedRelay(), new FifoCheckOperator(), new KafkaSinkBuiltIn())), json, new JobDefaults(null));
  private DispatcherJobService service;

  KafkaSinkSpecJobTest(LocalKafka kafka) {
    this.kafka = kafka;
  }

  @BeforeEach
  void startService() {
    service = EmbeddedServices.jobService(dir, 8).start();
  }

  @AfterEach
  void stopService() {
    service.close();
  }

  /**
   * The pipeline; its source is held at the end of its input until {@code release} exists, so that checkpoints (and
   * so sink transactions) complete before the input ends, however fast or slow the machine.
   */
  private static String spec(String name, String sinkParams, Path release) {
    return """
        {"name": "%s", "parallelism": 2, "checkpointInterval": "100ms",
         "nodes": [
           {"id": "source", "type": "keyed-sequence-source",
            "params": {"keys": %d, "records": %d, "holdAt": %d, "releaseFile": "%s"}},
           {"id": "route", "type": "keyed-relay", "input": "source", "keyBy": "key"},
           {"id": "check", "type": "fifo-check", "input": "route", "keyBy": "key", "exchange": "direct"},
           {"id": "out", "type": "kafka-sink", "input": "check", "params": {%s}}]}
        """.formatted(name, KEYS, RECORDS, RECORDS, release, sinkParams);
  }

  /** Runs the job; once a checkpoint completed, releases its held source and waits for the end. */
  private String runToTheEnd(String spec, Path release) throws Exception {
    SpecCompiler.Compiled c = specs.compile(spec);
    String id = service.submit(new JobSubmission(c.graph(), new JobOrigin.Spec(c.spec()), UserCode.builtIn()));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> service.checkpoints(id).completed() >= 1 || service.job(id).summary().state().isTerminal());
    Files.createFile(release);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> service.job(id).summary().state().isTerminal());
    assertThat(service.job(id).summary().state()).as(() -> "job state; failures: " + service.exceptions(id))
        .isEqualTo(JobStatus.FINISHED);
    return id;
  }

  @Test
  void everyKeysVerdictArrivesExactlyOnceThroughTheExactlyOnceSink() throws Exception {
    String topic = "simulator-verdicts-eo";
    kafka.createTopic(topic, 2);
    // no bootstrapServers in the spec: the sink finds the broker where it runs, as on a task runtime
    String before = System.setProperty(RecordKafkaSink.BOOTSTRAP_PROPERTY, kafka.bootstrapServers());
    String id;
    try {
      id = runToTheEnd(spec("simulator-eo", "\"topic\": \"" + topic + "\"", dir.resolve("release-eo")),
          dir.resolve("release-eo"));
    } finally {
      if (before == null) {
        System.clearProperty(RecordKafkaSink.BOOTSTRAP_PROPERTY);
      } else {
        System.setProperty(RecordKafkaSink.BOOTSTRAP_PROPERTY, before);
      }
    }
    assertThat(service.checkpoints(id).completed()).isPositive();

    List<ConsumerRecord<String, String>> committed = readSettled(topic, "read_committed");
    assertEveryKeyOnceInOrder(committed);
    // and nothing else was written, not even in an aborted transaction
    assertThat(readSettled(topic, "read_uncommitted")).hasSameSizeAs(committed);
  }

  @Test
  void theAtLeastOnceSinkWithItsOwnBootstrapServersWritesEveryVerdict() throws Exception {
    String topic = "simulator-verdicts-alo";
    kafka.createTopic(topic, 2);
    Path release = dir.resolve("release-alo");
    runToTheEnd(spec("simulator-alo", "\"topic\": \"" + topic + "\", \"guarantee\": \"at-least-once\","
        + " \"bootstrapServers\": \"" + kafka.bootstrapServers() + "\"", release), release);
    assertEveryKeyOnceInOrder(readSettled(topic, "read_committed")); // no failure: nothing was written twice
  }

  private static void assertEveryKeyOnceInOrder(List<ConsumerRecord<String, String>> records) {
    List<KeySummary> verdicts = records.stream().map(r -> KeySummary.fromJson(r.value())).toList();
    List<KeySummary> expected = new ArrayList<>();
    for (long k = 0; k < KEYS; k++) {
      expected.add(new KeySummary(k, PER_KEY, 0, PER_KEY - 1));
    }
    assertThat(verdicts).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(Long.toString(KeySummary.fromJson(r.value())
        .key())));
  }

  /**
   * Waits until no transaction is open on the topic (the last stable offset of every partition reached its end:
   * commit markers are written after a commit returns), then reads it from the start to the end.
   */
  private List<ConsumerRecord<String, String>> readSettled(String topic, String isolation) {
    Map<String, Object> p = new HashMap<>(kafka.clientProperties());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    try (KafkaConsumer<String, String> all =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      try (KafkaConsumer<String, String> stable =
          new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
        List<TopicPartition> tps = all.partitionsFor(topic, Duration.ofSeconds(10)).stream()
            .map(i -> new TopicPartition(topic, i.partition())).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> stable.endOffsets(tps).equals(all.endOffsets(tps)));
        KafkaConsumer<String, String> reader = isolation.equals("read_committed") ? stable : all;
        reader.assign(tps);
        reader.seekToBeginning(tps);
        Map<TopicPartition, Long> end = reader.endOffsets(tps);
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).until(() -> {
          reader.poll(Duration.ofMillis(100)).forEach(out::add);
          return tps.stream().allMatch(tp -> reader.position(tp) >= end.get(tp));
        });
        return out;
      }
    }
  }
}
