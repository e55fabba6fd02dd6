package io.rivulet.avro;

import io.rivulet.api.serialization.DataInputView;
import io.rivulet.api.serialization.DataOutputView;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.TypeSerializerSnapshot;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificRecord;

/**
 * The written-down {@link AvroSerializer}: its record class (or generic) and writer schema. Compatibility is
 * Avro's own schema resolution with the new schema as reader and the stored one as writer: the same schema reads
 * as is; a resolvable one (added field with a default, removed field, widened type) reads old state through a
 * resolving reader and rewrites it; anything else is incompatible, with Avro's reason.
 */
public final class AvroSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {
  private Class<T> type;
  private Schema schema;
  private boolean specific;
  /** The serializer of the job now, set by {@link #resolveCompatibility}, into which old state migrates. */
  private AvroSerializer<T> migrationTarget;

  public AvroSerializerSnapshot() {}

  AvroSerializerSnapshot(Class<T> type, Schema schema, boolean specific) {
    this.type = type;
    this.schema = schema;
    this.specific = specific;
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public void writeSnapshot(DataOutputView out) throws IOException {
    out.writeString(type.getName());
    out.writeBoolean(specific);
    out.writeString(schema.toString());
  }

  @Override
  @SuppressWarnings("unchecked")
  public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) throws IOException {
    String className = in.readString();
    specific = in.readBoolean();
    schema = new Schema.Parser().parse(in.readString());
    try {
      type = (Class<T>) Class.forName(className, false, classLoader);
    } catch (ClassNotFoundException e) {
      throw new IOException("Avro record class " + className + " of a checkpointed state is not on the class path", e);
    }
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public TypeSerializer<T> restoreSerializer() {
    if (migrationTarget != null) {
      return migrationTarget.readingFrom(schema);
    }
    return specific ? (TypeSerializer<T>) AvroSerializer.of((Class<SpecificRecord>) (Class) type)
        : (TypeSerializer<T>) AvroSerializer.generic(schema);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Compatibility resolveCompatibility(TypeSerializer<T> newSerializer) {
    if (!(newSerializer instanceof AvroSerializer<?> next)) {
      return Compatibility.incompatible("state of Avro " + schema.getFullName() + " is now read with "
          + newSerializer.typeName());
    }
    if (next.schema().equals(schema)) {
      return Compatibility.asIs();
    }
    var result = SchemaCompatibility.checkReaderWriterCompatibility(next.schema(), schema).getResult();
    if (result.getCompatibility() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      return Compatibility.incompatible("Avro schema " + next.schema().getFullName() + " cannot read state written"
          + " with the checkpointed schema: " + result.getIncompatibilities().stream()
          .map(i -> i.getMessage() + " at " + i.getLocation()).toList());
    }
    migrationTarget = (AvroSerializer<T>) next;
    return Compatibility.afterMigration("Avro schema of " + schema.getFullName() + " evolved (resolved by Avro)");
  }

  Schema schema() {
    return schema;
  }

}
