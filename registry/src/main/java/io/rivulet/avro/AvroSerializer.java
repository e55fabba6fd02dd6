package io.rivulet.avro;

import io.rivulet.api.serialization.DataInputView;
import io.rivulet.api.serialization.DataOutputView;
import io.rivulet.api.serialization.SchemaProvider;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.TypeSerializerSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * A {@link TypeSerializer} for Avro records, so that Avro types flow through the engine like any other: specific
 * records (generated classes) or generic records of one schema. A value is written as its Avro binary encoding,
 * prefixed by its length (Avro's decoder reads ahead, so the length keeps several values in one buffer apart).
 *
 * <p>Schema evolution of state: the snapshot stores the writer schema; a job whose schema Avro can resolve
 * against it (e.g. a field added with a default) reads old state through a resolving reader, otherwise restoring
 * fails naming Avro's reason. Not thread-safe (encoder and decoder are reused): {@link #duplicate()} per thread.
 */
public final class AvroSerializer<T> implements TypeSerializer<T>, SchemaProvider {
  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  /** The schema values are written with (and read into). */
  private final String schemaJson;
  /** The schema old bytes were written with, when reading migrated data; null: same as {@link #schemaJson}. */
  private final String writerSchemaJson;
  private final boolean specific;

  private transient Schema schema;
  private transient DatumWriter<T> writer;
  private transient DatumReader<T> reader;
  private transient BinaryEncoder encoder;
  private transient BinaryDecoder decoder;
  private transient ByteArrayOutputStream bytes;
  private transient byte[] scratch;

  private AvroSerializer(Class<T> type, String schemaJson, String writerSchemaJson, boolean specific) {
    this.type = type;
    this.schemaJson = schemaJson;
    this.writerSchemaJson = writerSchemaJson;
    this.specific = specific;
  }

  /** For a generated (specific) record class. */
  public static <T extends SpecificRecord> AvroSerializer<T> of(Class<T> type) {
    Schema schema = SpecificData.get().getSchema(type);
    return new AvroSerializer<>(type, schema.toString(), null, true);
  }

  /** For generic records of {@code schema}. */
  public static AvroSerializer<GenericRecord> generic(Schema schema) {
    return new AvroSerializer<>(GenericRecord.class, schema.toString(), null, false);
  }

  /** Reads bytes written with {@code writerSchema} into this serializer's schema (Avro schema resolution). */
  AvroSerializer<T> readingFrom(Schema writerSchema) {
    return new AvroSerializer<>(type, schemaJson, writerSchema.toString(), specific);
  }

  public Schema schema() {
    if (schema == null) {
      schema = new Schema.Parser().parse(schemaJson);
    }
    return schema;
  }

  boolean isSpecific() {
    return specific;
  }

  @SuppressWarnings("unchecked")
  private void init() {
    Schema s = schema();
    if (specific) {
      SpecificData data = SpecificData.getForClass(type);
      writer = new SpecificDatumWriter<>(s, data);
      reader = writerSchemaJson == null ? new SpecificDatumReader<>(s, s, data)
          : new SpecificDatumReader<>(new Schema.Parser().parse(writerSchemaJson), s, data);
    } else {
      writer = (DatumWriter<T>) new GenericDatumWriter<GenericRecord>(s);
      reader = (DatumReader<T>) (writerSchemaJson == null ? new GenericDatumReader<GenericRecord>(s)
          : new GenericDatumReader<GenericRecord>(new Schema.Parser().parse(writerSchemaJson), s));
    }
    bytes = new ByteArrayOutputStream(256);
    scratch = new byte[256];
  }

  @Override
  public void serialize(T value, DataOutputView out) throws IOException {
    if (writer == null) {
      init();
    }
    bytes.reset();
    encoder = EncoderFactory.get().directBinaryEncoder(bytes, encoder);
    writer.write(value, encoder);
    encoder.flush();
    out.writeVarInt(bytes.size());
    bytes.writeTo(new ViewStream(out));
  }

  @Override
  public T deserialize(DataInputView in) throws IOException {
    if (reader == null) {
      init();
    }
    int length = in.readVarInt();
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
    in.readFully(scratch, 0, length);
    decoder = DecoderFactory.get().binaryDecoder(scratch, 0, length, decoder);
    return reader.read(null, decoder);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T copy(T value) {
    return specific ? SpecificData.getForClass(type).deepCopy(schema(), value)
        : (T) GenericData.get().deepCopy(schema(), value);
  }

  @Override
  public boolean isImmutable() {
    return false;
  }

  @Override
  public String typeName() {
    return "Avro " + schema().getFullName();
  }

  @Override
  public Class<T> typeClass() {
    return type;
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return new AvroSerializer<>(type, schemaJson, writerSchemaJson, specific);
  }

  @Override
  public TypeSerializerSnapshot<T> snapshot() {
    return new AvroSerializerSnapshot<>(type, schema(), specific);
  }

  @Override
  public String schemaType() {
    return "AVRO";
  }

  @Override
  public String schemaText() {
    return schema().toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AvroSerializer<?> a && a.type == type && a.schemaJson.equals(schemaJson)
        && Objects.equals(a.writerSchemaJson, writerSchemaJson);
  }

  @Override
  public int hashCode() {
    return schemaJson.hashCode();
  }

  /** Lets Avro's encoder write straight into a {@link DataOutputView}. */
  private static final class ViewStream extends java.io.OutputStream {
    private final DataOutputView out;

    ViewStream(DataOutputView out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.writeByte(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }
  }
}
