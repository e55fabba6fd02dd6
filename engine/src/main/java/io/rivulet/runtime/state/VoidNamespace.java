package io.rivulet.runtime.state;

import io.rivulet.api.serialization.DataInputView;
import io.rivulet.api.serialization.DataOutputView;
import io.rivulet.api.serialization.SingletonSerializerSnapshot;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.TypeSerializerSnapshot;

/** The namespace of state that is scoped to the key only. */
public final class VoidNamespace {
  public static final VoidNamespace INSTANCE = new VoidNamespace();

  private VoidNamespace() {}

  @Override
  public String toString() {
    return "VoidNamespace";
  }

  /** Writes nothing. */
  public static final class Serializer implements TypeSerializer<VoidNamespace> {
    public static final Serializer INSTANCE = new Serializer();

    @Override
    public void serialize(VoidNamespace value, DataOutputView out) {}

    @Override
    public VoidNamespace deserialize(DataInputView in) {
      return VoidNamespace.INSTANCE;
    }

    @Override
    public VoidNamespace copy(VoidNamespace value) {
      return value;
    }

    @Override
    public boolean isImmutable() {
      return true;
    }

    @Override
    public String typeName() {
      return "VoidNamespace";
    }

    @Override
    public Class<VoidNamespace> typeClass() {
      return VoidNamespace.class;
    }

    @Override
    public TypeSerializerSnapshot<VoidNamespace> snapshot() {
      return new SingletonSerializerSnapshot<>(this, 1);
    }
  }
}
