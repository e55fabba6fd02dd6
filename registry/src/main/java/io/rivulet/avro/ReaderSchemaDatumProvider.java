package io.rivulet.avro;

import io.apicurio.registry.serde.avro.AvroDatumProvider;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;

/**
 * An Apicurio datum provider that reads every record into one reader schema (the job's), resolving it against
 * the writer schema the record's id names: data written with an older version of a schema is read in the newer
 * one (added fields take their defaults). Configured with {@value #READER_SCHEMA} = the reader schema's JSON;
 * without it, reads in the writer schema like Apicurio's default. Writing is Apicurio's default.
 */
public final class ReaderSchemaDatumProvider<T> implements AvroDatumProvider<T> {
  /** Serde property: the JSON of the schema to read into. */
  public static final String READER_SCHEMA = "rivulet.avro.reader-schema";

  private final DefaultAvroDatumProvider<T> defaults = new DefaultAvroDatumProvider<>();
  private Schema readerSchema;

  @Override
  public void configure(AvroSerdeConfig config) {
    defaults.configure(config);
    Object json = config.originals().get(READER_SCHEMA);
    readerSchema = json == null ? null : new Schema.Parser().parse(json.toString());
  }

  @Override
  public DatumWriter<T> createDatumWriter(T data, Schema schema) {
    return defaults.createDatumWriter(data, schema);
  }

  @Override
  public DatumReader<T> createDatumReader(Schema writerSchema) {
    return readerSchema == null ? defaults.createDatumReader(writerSchema)
        : new GenericDatumReader<>(writerSchema, readerSchema);
  }

  @Override
  public Schema toSchema(T data) {
    return defaults.toSchema(data);
  }
}
