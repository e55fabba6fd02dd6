package io.rivulet.controlplane.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.api.graph.Exchange;
import io.rivulet.api.graph.JobEdge;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.graph.Partitioning;
import io.rivulet.api.graph.StreamNode;
import io.rivulet.builtins.functions.Identity;
import io.rivulet.builtins.kafka.JsonRecordSerializer;
import io.rivulet.builtins.kafka.RecordKafkaSink;
import io.rivulet.builtins.records.KeySummary;
import io.rivulet.builtins.records.RecordType;
import io.rivulet.builtins.records.SeqEvent;
import io.rivulet.controlplane.ApiException;
import io.rivulet.controlplane.jobs.JobDefaults;
import io.rivulet.controlplane.spec.builtins.DiscardSink;
import io.rivulet.controlplane.spec.builtins.FifoCheckOperator;
import io.rivulet.controlplane.spec.builtins.KafkaSinkBuiltIn;
import io.rivulet.controlplane.spec.builtins.KeyBy;
import io.rivulet.controlplane.spec.builtins.KeyedRelay;
import io.rivulet.controlplane.spec.builtins.KeyedSequenceSource;
import io.rivulet.controlplane.spec.builtins.MapOperator;
import io.rivulet.controlplane.spec.builtins.SequenceSource;
import io.rivulet.kafka.DeliveryGuarantee;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cluster demo's simulator job as a spec: the node field {@code exchange}, the {@code keyed-relay} and
 * {@code kafka-sink} built-ins, the graph they compile to, and the errors (with JSON paths) of everything misused.
 */
class SimulatorSpecTest {
  private final SpecCompiler specs = new SpecCompiler(new BuiltInRegistry(List.of(new KeyedSequenceSource(),
      new SequenceSource(), new MapOperator(), new KeyBy(), new KeyedRelay(), new FifoCheckOperator(),
      new KafkaSinkBuiltIn(), new DiscardSink())), new ObjectMapper(), new JobDefaults(null));

  private static final String SIMULATOR = """
      {"name":"simulator","parallelism":2,"checkpointInterval":"1s",
       "nodes":[{"id":"source","type":"keyed-sequence-source","params":{"keys":1000,"records":10000000,"rate":1000000}},
                {"id":"route","type":"keyed-relay","input":"source","keyBy":"key"},
                {"id":"check","type":"fifo-check","input":"route","keyBy":"key","exchange":"durable"},
                {"id":"out","type":"kafka-sink","input":"check","params":{"topic":"fifo-verdicts"}}]}
      """;

  /** A spec of a keyed-sequence source and the given nodes after it. */
  private static String after(String nodes) {
    return """
        {"name": "t", "parallelism": 2, "nodes": [
          {"id": "src", "type": "keyed-sequence-source", "params": {"keys": 4, "records": 100}},
          %s]}""".formatted(nodes);
  }

  private List<String> errors(String spec) {
    try {
      specs.compile(spec);
    } catch (ApiException e) {
      assertThat(e.status()).isEqualTo(400);
      return e.errors();
    }
    throw new AssertionError("the spec was accepted: " + spec);
  }

  @Test
  void theSimulatorCompilesToADirectThenADurableKeyedExchange() {
    JobGraph g = specs.compile(SIMULATOR).graph();
    assertThat(g.vertices()).extracting(v -> v.name()).containsExactly("source", "route", "check -> out");
    assertThat(g.edges()).hasSize(2);
    JobEdge direct = g.edges().get(0);
    JobEdge durable = g.edges().get(1);
    assertThat(direct.partitioning()).isEqualTo(Partitioning.HASH);
    assertThat(direct.exchange()).isEqualTo(Exchange.DIRECT);
    assertThat(g.vertex(direct.targetVertex()).head().uid()).isEqualTo("route");
    assertThat(durable.partitioning()).isEqualTo(Partitioning.HASH);
    assertThat(durable.exchange()).isEqualTo(Exchange.DURABLE);
    assertThat(g.vertex(durable.sourceVertex()).head().uid()).isEqualTo("route");
    assertThat(g.vertex(durable.targetVertex()).head().uid()).isEqualTo("check");
    assertThat(durable.type()).isSameAs(RecordType.SEQ_EVENT.serializer());

    StreamNode route = g.vertex(direct.targetVertex()).head();
    assertThat(route.isKeyed()).isFalse(); // partitioned by key, but without keyed state
    assertThat(((OperatorSpec.MapOp) route.spec()).function()).isInstanceOf(Identity.class);
    assertThat(g.vertex(durable.targetVertex()).head().isKeyed()).isTrue();

    RecordKafkaSink<?> sink = kafkaSink(g);
    assertThat(sink.type()).isSameAs(RecordType.KEY_SUMMARY);
    assertThat(sink.topic()).isEqualTo("fifo-verdicts");
    assertThat(sink.bootstrapServers()).isNull(); // found where the sink runs
    assertThat(sink.guarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
    assertThat(sink.transactionalIdPrefix()).isEqualTo("rivulet-simulator-out");
  }

  private static RecordKafkaSink<?> kafkaSink(JobGraph g) {
    return g.vertices().stream().flatMap(v -> v.operators().stream()).filter(StreamNode::isSink)
        .map(n -> (RecordKafkaSink<?>) ((OperatorSpec.SinkOp) n.spec()).sink()).findFirst().orElseThrow();
  }

  @Test
  void theGraphSurvivesSerializationAsTaskRuntimesReceiveIt() throws Exception {
    JobGraph g = specs.compile(SIMULATOR).graph();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(g);
    }
    JobGraph copy;
    try (ObjectInputStream in = new WithoutControlPlaneClasses(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (JobGraph) in.readObject();
    }
    RecordKafkaSink<?> sink = kafkaSink(copy);
    assertThat(sink.type()).isSameAs(RecordType.KEY_SUMMARY);
    assertThat(sink.transactionalIdPrefix()).isEqualTo("rivulet-simulator-out");
    assertThat(copy.edges().get(1).exchange()).isEqualTo(Exchange.DURABLE);
    var record = new JsonRecordSerializer<>(RecordType.KEY_SUMMARY).serialize(new KeySummary(5, 10, 0, 9), 0, "t");
    assertThat(new String(record.value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"key\":5,\"records\":10,\"violations\":0,\"lastSeq\":9}");
  }

  @Test
  void exchangeIsCaseInsensitiveAndDirectByDefault() {
    JobGraph g = specs.compile(after("""
        {"id": "a", "type": "keyed-relay", "input": "src", "keyBy": "key", "exchange": "DURABLE"},
        {"id": "b", "type": "keyed-relay", "input": "a", "keyBy": "key", "exchange": "Direct"},
        {"id": "c", "type": "keyed-relay", "input": "b", "keyBy": "seq"},
        {"id": "out", "type": "discard-sink", "input": "c"}""")).graph();
    assertThat(g.edges()).extracting(JobEdge::exchange)
        .containsExactly(Exchange.DURABLE, Exchange.DIRECT, Exchange.DIRECT);
    assertThat(g.edges()).extracting(JobEdge::partitioning).containsOnly(Partitioning.HASH);
  }

  @Test
  void aDurableExchangeMayTakeItsKeyFromAKeyByNode() {
    JobGraph g = specs.compile(after("""
        {"id": "k", "type": "key-by", "input": "src", "params": {"field": "key"}},
        {"id": "check", "type": "fifo-check", "input": "k", "exchange": "durable"},
        {"id": "out", "type": "discard-sink", "input": "check"}""")).graph();
    assertThat(g.edges()).singleElement().satisfies(e -> {
      assertThat(e.exchange()).isEqualTo(Exchange.DURABLE);
      assertThat(e.partitioning()).isEqualTo(Partitioning.HASH);
    });
  }

  @Test
  void latencyMarkersAreOffUnlessTheSpecSetsAnInterval() {
    assertThat(specs.compile(SIMULATOR).graph().config().latencyMarkerIntervalMillis()).isZero();
    String withMarkers = SIMULATOR.replace("\"checkpointInterval\":\"1s\",",
        "\"checkpointInterval\":\"1s\", \"latencyMarkerInterval\": \"250ms\",");
    assertThat(specs.compile(withMarkers).graph().config().latencyMarkerIntervalMillis()).isEqualTo(250);
    assertThat(errors(SIMULATOR.replace("\"checkpointInterval\":\"1s\",",
        "\"checkpointInterval\":\"1s\", \"latencyMarkerInterval\": \"often\",")))
        .containsExactly("latencyMarkerInterval: must be a duration such as \"100ms\" or \"1s\" (\"0ms\": no"
            + " markers), was the string \"often\"");
  }

  @Test
  void aDurableExchangeWithoutKeyIsRefusedWithTheFix() {
    assertThat(errors(after("""
        {"id": "r", "type": "discard-sink", "input": "src", "exchange": "durable"}""")))
        .containsExactly("nodes[1].exchange: a durable exchange is partitioned by key, but the input from 'src' has"
            + " none: set \"keyBy\" to a field of its input (seq-event: key, seq), take input from a key-by node, or"
            + " use \"exchange\": \"direct\"");
  }

  @Test
  void badExchangesAreReportedTogetherWithTheirPaths() {
    assertThat(errors("""
        {"nodes": [
          {"id": "src", "type": "keyed-sequence-source", "params": {"keys": 4}, "exchange": "direct"},
          {"id": "a", "type": "keyed-relay", "input": "src", "keyBy": "key", "exchange": "kafka"},
          {"id": "b", "type": "keyed-relay", "input": "a", "keyBy": "key", "exchange": 2},
          {"id": "k", "type": "key-by", "input": "b", "params": {"field": "key"}, "exchange": "durable"},
          {"id": "out", "type": "discard-sink", "input": "k", "exchnage": "durable"}]}"""))
        .containsExactly(
            "nodes[0].exchange: 'keyed-sequence-source' is a source and has no input to exchange",
            "nodes[1].exchange: unknown exchange 'kafka'; known: direct (the default: gRPC between task runtimes),"
                + " durable (through a Kafka topic, partitioned by key)",
            "nodes[2].exchange: must be a string, was the number 2",
            "nodes[3].exchange: a key-by node only partitions: set \"exchange\" on the nodes that take their input"
                + " from 'k'",
            "nodes[4].exchnage: unknown field; known: id, type, name, input, keyBy, exchange, parallelism, params");
  }

  @Test
  void keyedRelayHandsOnAnyRecordTypeAfterAKey() {
    JobGraph g = specs.compile("""
        {"parallelism": 2, "nodes": [
          {"id": "n", "type": "sequence-source", "params": {"from": 1, "to": 10}},
          {"id": "r", "type": "keyed-relay", "input": "n", "keyBy": "value"},
          {"id": "twice", "type": "map", "input": "r", "params": {"function": "multiply", "by": 2}},
          {"id": "out", "type": "discard-sink", "input": "twice"}]}""").graph();
    assertThat(g.vertices()).extracting(v -> v.name()).containsExactly("n", "r -> twice -> out");
    Identity<Object> identity = new Identity<>();
    SeqEvent e = new SeqEvent(1, 2);
    assertThat(identity.map(e)).isSameAs(e);
  }

  @Test
  void keyedRelayNeedsAKey() {
    assertThat(errors(after("""
        {"id": "r", "type": "keyed-relay", "input": "src"},
        {"id": "out", "type": "discard-sink", "input": "r"}""")))
        .containsExactly("nodes[1].keyBy: 'keyed-relay' relays records after a keyed exchange: set \"keyBy\" to a"
            + " field of its input (seq-event: key, seq) or take input from a key-by node");
    assertThat(errors(after("""
        {"id": "r", "type": "keyed-relay", "input": "src", "keyBy": "key", "params": {"x": 1}},
        {"id": "out", "type": "discard-sink", "input": "r"}""")))
        .containsExactly("nodes[1].params.x: unknown parameter; this node takes no parameters");
  }

  @Test
  void kafkaSinkParamsAreChecked() {
    assertThat(errors(after("""
        {"id": "a", "type": "kafka-sink", "input": "src"},
        {"id": "b", "type": "kafka-sink", "input": "src", "params": {"topic": 7, "acks": "all"}}""")))
        .containsExactly("nodes[1].params.topic: required parameter is missing (the topic to write to; it must exist)",
            "nodes[2].params.topic: must be a string, was the number 7",
            "nodes[2].params.acks: unknown parameter; known: topic, bootstrapServers, guarantee,"
                + " transactionalIdPrefix");
    assertThat(errors(after("""
        {"id": "a", "type": "kafka-sink", "input": "src", "params": {"topic": "no spaces"}}""")))
        .containsExactly("nodes[1].params.topic: must be 1 to 249 letters, digits, '.', '_' or '-' (a Kafka topic"
            + " name), was \"no spaces\"");
    assertThat(errors(after("""
        {"id": "a", "type": "kafka-sink", "input": "src", "params": {"topic": "t", "guarantee": "twice"}}""")))
        .containsExactly("nodes[1].params.guarantee: unknown guarantee 'twice'; known: exactly-once, at-least-once");
    assertThat(errors(after("""
        {"id": "a", "type": "kafka-sink", "input": "src",
         "params": {"topic": "t", "guarantee": "at-least-once", "transactionalIdPrefix": "p"}}""")))
        .containsExactly("nodes[1].params.transactionalIdPrefix: only an exactly-once sink uses transactions: drop"
            + " it, or set guarantee to exactly-once");
    assertThat(errors(after("""
        {"id": "a", "type": "kafka-sink", "input": "src", "params": {"topic": "t", "bootstrapServers": " "}}""")))
        .containsExactly("nodes[1].params.bootstrapServers: must not be blank: leave it out to use the system"
            + " property rivulet.kafka.bootstrap or the environment variable RIVULET_KAFKA_BOOTSTRAP where the sink"
            + " runs");
    assertThat(errors(after("""
        {"id": "a", "type": "kafka-sink", "input": "src", "params": {"topic": "t", "transactionalIdPrefix": ""}}""")))
        .containsExactly("nodes[1].params.transactionalIdPrefix: must not be blank");
  }

  @Test
  void kafkaSinkTakesAnyRecordTypeAndItsSettings() {
    JobGraph g = specs.compile("""
        {"name": "my job!", "nodes": [
          {"id": "src", "type": "keyed-sequence-source", "params": {"keys": 4, "records": 100}},
          {"id": "raw", "type": "kafka-sink", "input": "src",
           "params": {"topic": "events", "bootstrapServers": "b1:9092,b2:9092", "guarantee": "AT-LEAST-ONCE"}},
          {"id": "eo", "type": "kafka-sink", "input": "src", "params": {"topic": "events.2"}},
          {"id": "own", "type": "kafka-sink", "input": "src",
           "params": {"topic": "events_3", "transactionalIdPrefix": "simulator-v1"}}]}""").graph();
    List<RecordKafkaSink<?>> sinks = g.vertices().stream().flatMap(v -> v.operators().stream())
        .filter(StreamNode::isSink).<RecordKafkaSink<?>>map(n -> (RecordKafkaSink<?>) ((OperatorSpec.SinkOp) n.spec())
            .sink()).toList();
    assertThat(sinks).allSatisfy(s -> assertThat(s.type()).isSameAs(RecordType.SEQ_EVENT));
    assertThat(sinks).extracting(RecordKafkaSink::topic).containsExactly("events", "events.2", "events_3");
    assertThat(sinks).extracting(RecordKafkaSink::bootstrapServers).containsExactly("b1:9092,b2:9092", null, null);
    assertThat(sinks).extracting(RecordKafkaSink::guarantee).containsExactly(DeliveryGuarantee.AT_LEAST_ONCE,
        DeliveryGuarantee.EXACTLY_ONCE, DeliveryGuarantee.EXACTLY_ONCE);
    // derived from the job's name and the node's id: the same on every restart and resubmission of the spec
    assertThat(sinks).extracting(RecordKafkaSink::transactionalIdPrefix)
        .containsExactly(null, "rivulet-my_job_-eo", "simulator-v1");
  }

  /**
   * Reads as a task runtime does, which has the engine and the built-ins but not the control plane's classes:
   * a lambda written in a control-plane class (its capturing class) would not deserialize there.
   */
  private static final class WithoutControlPlaneClasses extends ObjectInputStream {
    WithoutControlPlaneClasses(java.io.InputStream in) throws java.io.IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws java.io.IOException,
        ClassNotFoundException {
      if (desc.getName().startsWith("io.rivulet.controlplane.")) {
        throw new ClassNotFoundException(desc.getName() + " is a control-plane class, missing on task runtimes");
      }
      return super.resolveClass(desc);
    }
  }
}
