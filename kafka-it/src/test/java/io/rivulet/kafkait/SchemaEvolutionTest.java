package io.rivulet.kafkait;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.CollectSink;
import io.rivulet.api.serialization.Types;
import io.rivulet.avro.AvroKafkaSerdes;
import io.rivulet.avro.AvroSerializer;
import io.rivulet.kafka.local.LocalApicurio;
import io.rivulet.kafka.local.LocalApicurioExtension;
import io.rivulet.kafka.local.LocalKafka;
import io.rivulet.kafka.local.LocalKafkaExtension;
import io.rivulet.registry.RegistryClient;
import io.rivulet.registry.SchemaRegistration;
import io.rivulet.schemas.examples.SensorReading;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Schema evolution end to end on a real broker and registry: records written with SensorReading v1 (the
 * generated class of {@code sensor-reading.avsc}) through the Apicurio serializer are read by a job on v2 (a field
 * {@code unit} added with a default), which sends them as Avro generic records through a DURABLE keyed exchange.
 */
@ExtendWith({LocalKafkaExtension.class, LocalApicurioExtension.class})
class SchemaEvolutionTest {
  private static final Schema V2 = new Schema.Parser().parse(SensorReading.getClassSchema().toString()
      .replace("]}", ",{\"name\":\"unit\",\"type\":\"string\",\"default\":\"celsius\"}]}"));

  @Test
  void dataWrittenWithV1IsReadByAJobOnV2(LocalKafka kafka, LocalApicurio registry) throws Exception {
    String topic = "sensor-readings-evolution";
    kafka.createTopic(topic, 1);
    int n = 300;
    var serializer = AvroKafkaSerdes.<SensorReading>serializer(registry.url());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < n; i++) {
        SensorReading r = new SensorReading("s" + (i % 3), 1_000L * i, (double) i);
        producer.send(new ProducerRecord<>(topic, 0, null, null, serializer.serialize(topic, r))).get();
      }
    }
    RegistryClient client = new RegistryClient(registry.url());
    assertThat(client.latestSchema(topic + "-value")).as("the serde registered v1").isPresent();

    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2).setKafkaBootstrapServers(kafka.bootstrapServers());
    AvroSerializer<GenericRecord> v2 = AvroSerializer.generic(V2);
    CollectSink<String> sink = new CollectSink<>();
    env.fromSource(new TopicSource(kafka.bootstrapServers(), topic, registry.url(), V2, n),
            io.rivulet.api.watermark.WatermarkStrategy.noWatermarks(), "sensor-readings").parallelism(1)
        .keyBy(r -> r.get("sensor").toString(), Types.STRING).durable()
        .reduce((a, b) -> {
          GenericRecord sum = new GenericData.Record(V2);
          sum.put("sensor", a.get("sensor"));
          sum.put("timestamp", Math.max((Long) a.get("timestamp"), (Long) b.get("timestamp")));
          sum.put("value", (Double) a.get("value") + (Double) b.get("value"));
          sum.put("unit", a.get("unit"));
          return sum;
        })
        .map(r -> r.get("sensor") + " " + r.get("value") + " " + r.get("unit")).returns(Types.STRING)
        .sinkTo(sink);
    // the job's DURABLE edge carries v2 records: its schema is registered before the job runs
    var graph = env.jobGraph("evolution");
    assertThat(SchemaRegistration.schemasOf(graph)).singleElement()
        .satisfies(s -> assertThat(s.schemaText()).contains("unit"));
    new SchemaRegistration(client).registerAll(graph);
    env.execute("evolution");

    List<String> out = CollectSink.results(sink.id());
    CollectSink.release(sink.id());
    Map<String, String> last = new HashMap<>();
    for (String s : out) {
      last.put(s.split(" ")[0], s);
    }
    Map<String, Double> expected = new HashMap<>();
    for (int i = 0; i < n; i++) {
      expected.merge("s" + (i % 3), (double) i, Double::sum);
    }
    assertThat(last).hasSize(3);
    expected.forEach((sensor, sum) -> assertThat(last.get(sensor)).isEqualTo(sensor + " " + sum + " celsius"));
  }
}
