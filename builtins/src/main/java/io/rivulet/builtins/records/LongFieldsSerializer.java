package io.rivulet.builtins.records;

import io.rivulet.api.serialization.DataInputView;
import io.rivulet.api.serialization.DataOutputView;
import io.rivulet.api.serialization.SingletonSerializerSnapshot;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.TypeSerializerSnapshot;
import java.io.IOException;

/**
 * Base of the hand-written serializers of the built-in record types, which are immutable records of longs:
 * written as their fields in declaration order. Hand-written because the control plane's record types must not
 * depend on the annotation processor; the format is fixed (version 1), so the singleton snapshot suffices.
 */
public abstract class LongFieldsSerializer<T> implements TypeSerializer<T> {
  private final Class<T> type;
  private final int fields;

  protected LongFieldsSerializer(Class<T> type, int fields) {
    this.type = type;
    this.fields = fields;
  }

  /** The fields of {@code value}, in order. */
  protected abstract long[] fields(T value);

  protected abstract T create(long[] fields);

  @Override
  public void serialize(T value, DataOutputView out) throws IOException {
    for (long f : fields(value)) {
      out.writeLong(f);
    }
  }

  @Override
  public T deserialize(DataInputView in) throws IOException {
    long[] f = new long[fields];
    for (int i = 0; i < fields; i++) {
      f[i] = in.readLong();
    }
    return create(f);
  }

  @Override
  public T copy(T value) {
    return value;
  }

  @Override
  public boolean isImmutable() {
    return true;
  }

  @Override
  public String typeName() {
    return type.getSimpleName();
  }

  @Override
  public Class<T> typeClass() {
    return type;
  }

  @Override
  public TypeSerializerSnapshot<T> snapshot() {
    return new SingletonSerializerSnapshot<>(this, 1);
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().hashCode();
  }

  /** Serializer of {@link SeqEvent}. */
  public static final class SeqEvents extends LongFieldsSerializer<SeqEvent> {
    public static final SeqEvents INSTANCE = new SeqEvents();

    public SeqEvents() {
      super(SeqEvent.class, 2);
    }

    @Override
    protected long[] fields(SeqEvent v) {
      return new long[] {v.key(), v.seq()};
    }

    @Override
    protected SeqEvent create(long[] f) {
      return new SeqEvent(f[0], f[1]);
    }
  }

  /** Serializer of {@link KeySummary}. */
  public static final class KeySummaries extends LongFieldsSerializer<KeySummary> {
    public static final KeySummaries INSTANCE = new KeySummaries();

    public KeySummaries() {
      super(KeySummary.class, 4);
    }

    @Override
    protected long[] fields(KeySummary v) {
      return new long[] {v.key(), v.records(), v.violations(), v.lastSeq()};
    }

    @Override
    protected KeySummary create(long[] f) {
      return new KeySummary(f[0], f[1], f[2], f[3]);
    }
  }

  /** Serializer of {@link WindowCount}. */
  public static final class WindowCounts extends LongFieldsSerializer<WindowCount> {
    public static final WindowCounts INSTANCE = new WindowCounts();

    public WindowCounts() {
      super(WindowCount.class, 3);
    }

    @Override
    protected long[] fields(WindowCount v) {
      return new long[] {v.key(), v.window(), v.count()};
    }

    @Override
    protected WindowCount create(long[] f) {
      return new WindowCount(f[0], f[1], f[2]);
    }
  }
}
