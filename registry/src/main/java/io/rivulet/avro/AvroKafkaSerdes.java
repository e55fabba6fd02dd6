package io.rivulet.avro;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializers for Avro records framed the Apicurio way: the serializer registers (or finds) the record's
 * schema under {@code <topic>-value} and writes its id before the Avro bytes; the deserializer fetches the writer
 * schema by that id and reads into the reader schema it was given, so a job reads data written with any
 * compatible earlier version of its schema. Registry API: {@code <url>/apis/registry/v3}.
 */
public final class AvroKafkaSerdes {
  private AvroKafkaSerdes() {}

  /** Serde properties for a registry at {@code registryUrl} (base URL or API URL). */
  public static Map<String, Object> config(String registryUrl) {
    String u = registryUrl.replaceAll("/+$", "");
    Map<String, Object> c = new HashMap<>();
    c.put(SerdeConfig.REGISTRY_URL, u.endsWith("/apis/registry/v3") ? u : u + "/apis/registry/v3");
    return c;
  }

  /** A value serializer that registers the schema if it is new (the subject's rules still apply). */
  public static <T> Serializer<T> serializer(String registryUrl) {
    Map<String, Object> c = config(registryUrl);
    c.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
    c.put(SerdeConfig.AUTO_REGISTER_ARTIFACT_IF_EXISTS, "FIND_OR_CREATE_VERSION");
    AvroKafkaSerializer<T> s = new AvroKafkaSerializer<>();
    s.configure(c, false);
    return s;
  }

  /** A value deserializer into generic records of {@code readerSchema}, whatever compatible schema wrote them. */
  public static Deserializer<GenericRecord> deserializer(String registryUrl, Schema readerSchema) {
    Map<String, Object> c = config(registryUrl);
    c.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, ReaderSchemaDatumProvider.class.getName());
    c.put(ReaderSchemaDatumProvider.READER_SCHEMA, readerSchema.toString());
    AvroKafkaDeserializer<GenericRecord> d = new AvroKafkaDeserializer<>();
    d.configure(c, false);
    return d;
  }
}
