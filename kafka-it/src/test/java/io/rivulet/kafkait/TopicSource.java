package io.rivulet.kafkait;

import io.rivulet.api.connector.InputStatus;
import io.rivulet.api.connector.ReaderOutput;
import io.rivulet.api.connector.Source;
import io.rivulet.api.connector.SourceContext;
import io.rivulet.api.connector.SourceReader;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.avro.AvroKafkaSerdes;
import io.rivulet.avro.AvroSerializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A minimal bounded test source (parallelism 1): the first {@code count} records of partition 0 of a topic,
 * deserialized with the registry-aware Avro deserializer into {@code readerSchema}. Stands in for the Kafka
 * connector here; no checkpointing.
 */
final class TopicSource implements Source<GenericRecord> {
  private final String bootstrap;
  private final String topic;
  private final String registryUrl;
  private final String readerSchema;
  private final int count;

  TopicSource(String bootstrap, String topic, String registryUrl, Schema readerSchema, int count) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.registryUrl = registryUrl;
    this.readerSchema = readerSchema.toString();
    this.count = count;
  }

  @Override
  public TypeSerializer<GenericRecord> outputType() {
    return AvroSerializer.generic(new Schema.Parser().parse(readerSchema));
  }

  @Override
  public boolean isBounded() {
    return true;
  }

  @Override
  public SourceReader<GenericRecord> createReader(SourceContext context) {
    var deserializer = AvroKafkaSerdes.deserializer(registryUrl, new Schema.Parser().parse(readerSchema));
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
        "auto.offset.reset", "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.assign(List.of(new TopicPartition(topic, 0)));
    return new SourceReader<>() {
      private int read;

      @Override
      public InputStatus pollNext(ReaderOutput<GenericRecord> output) {
        for (var r : consumer.poll(Duration.ofMillis(50))) {
          if (read < count) {
            output.collect(deserializer.deserialize(topic, r.headers(), r.value()), r.timestamp());
            read++;
          }
        }
        return read >= count ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
      }

      @Override
      public byte[] snapshotState(long checkpointId) {
        return new byte[0];
      }

      @Override
      public void restoreState(byte[] state) {}

      @Override
      public void close() {
        consumer.close();
        deserializer.close();
      }
    };
  }
}
