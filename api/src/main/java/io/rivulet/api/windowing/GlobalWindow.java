package io.rivulet.api.windowing;

import io.rivulet.api.serialization.DataInputView;
import io.rivulet.api.serialization.DataOutputView;
import io.rivulet.api.serialization.SingletonSerializerSnapshot;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.TypeSerializerSnapshot;

/** The one window that holds everything; it never ends on its own, so it needs a trigger. */
public final class GlobalWindow extends Window {
  public static final GlobalWindow INSTANCE = new GlobalWindow();

  private GlobalWindow() {}

  @Override
  public long maxTimestamp() {
    return Long.MAX_VALUE;
  }

  @Override
  public String toString() {
    return "GlobalWindow";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GlobalWindow;
  }

  @Override
  public int hashCode() {
    return 0;
  }

  /** Writes nothing: there is only one global window. */
  public static final class Serializer implements TypeSerializer<GlobalWindow> {
    public static final Serializer INSTANCE = new Serializer();

    @Override
    public void serialize(GlobalWindow value, DataOutputView out) {}

    @Override
    public GlobalWindow deserialize(DataInputView in) {
      return GlobalWindow.INSTANCE;
    }

    @Override
    public GlobalWindow copy(GlobalWindow value) {
      return value;
    }

    @Override
    public boolean isImmutable() {
      return true;
    }

    @Override
    public String typeName() {
      return "GlobalWindow";
    }

    @Override
    public Class<GlobalWindow> typeClass() {
      return GlobalWindow.class;
    }

    @Override
    public TypeSerializerSnapshot<GlobalWindow> snapshot() {
      return new SingletonSerializerSnapshot<>(this, 1);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Serializer;
    }

    @Override
    public int hashCode() {
      return Serializer.class.hashCode();
    }
  }
}
