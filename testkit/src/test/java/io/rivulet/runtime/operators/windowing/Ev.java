package io.rivulet.runtime.operators.windowing;

import io.rivulet.api.serialization.DataInputView;
import io.rivulet.api.serialization.DataOutputView;
import io.rivulet.api.serialization.SingletonSerializerSnapshot;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.TypeSerializerSnapshot;
import java.io.IOException;

/** A test event: a key and a number; printed as {@code a4}. */
public record Ev(String key, long value) {
  static Ev ev(String key, long value) {
    return new Ev(key, value);
  }

  @Override
  public String toString() {
    return key + value;
  }

  public static final class Serializer implements TypeSerializer<Ev> {
    public static final Serializer INSTANCE = new Serializer();

    @Override
    public void serialize(Ev value, DataOutputView out) throws IOException {
      out.writeString(value.key);
      out.writeLong(value.value);
    }

    @Override
    public Ev deserialize(DataInputView in) throws IOException {
      String key = in.readString();
      return new Ev(key, in.readLong());
    }

    @Override
    public Ev copy(Ev value) {
      return value;
    }

    @Override
    public boolean isImmutable() {
      return true;
    }

    @Override
    public String typeName() {
      return "Ev";
    }

    @Override
    public Class<Ev> typeClass() {
      return Ev.class;
    }

    @Override
    public TypeSerializerSnapshot<Ev> snapshot() {
      return new SingletonSerializerSnapshot<>(this, 1);
    }
  }
}
