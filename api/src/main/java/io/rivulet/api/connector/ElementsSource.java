package io.rivulet.api.connector;

import io.rivulet.api.serialization.DataInputDeserializer;
import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.api.serialization.TypeSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Collection;

/**
 * A bounded source of given elements, kept in the job graph in serialized form (so the element type needs a
 * serializer, not {@code java.io.Serializable}). Subtask {@code i} of {@code p} emits elements
 * {@code i, i+p, ...} in order. Its position is checkpointed.
 */
public final class ElementsSource<T> implements Source<T> {
  private final TypeSerializer<T> type;
  private final byte[] elements;
  private final int count;

  public ElementsSource(TypeSerializer<T> type, Collection<? extends T> values) {
    this.type = type;
    DataOutputSerializer out = new DataOutputSerializer();
    try {
      for (T v : values) {
        type.serialize(v, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize elements with " + type.typeName(), e);
    }
    this.elements = out.toByteArray();
    this.count = values.size();
  }

  @Override
  public TypeSerializer<T> outputType() {
    return type;
  }

  @Override
  public boolean isBounded() {
    return true;
  }

  @Override
  public String name() {
    return "Elements";
  }

  @Override
  public SourceReader<T> createReader(SourceContext context) {
    return new SourceReader<>() {
      private final TypeSerializer<T> serializer = type.duplicate();
      private final DataInputDeserializer in = new DataInputDeserializer(elements);
      private int index; // next element index of the whole list
      private int positioned; // index 'in' is positioned at
      private final int stride = context.parallelism();

      {
        index = context.subtaskIndex();
      }

      @Override
      public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        for (int k = 0; k < 256 && index < count; k++) {
          while (positioned < index) {
            serializer.deserialize(in);
            positioned++;
          }
          output.collect(serializer.deserialize(in));
          positioned++;
          index += stride;
        }
        return index >= count ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
      }

      @Override
      public byte[] snapshotState(long checkpointId) {
        return ByteBuffer.allocate(4).putInt(index).array();
      }

      @Override
      public void restoreState(byte[] state) {
        index = ByteBuffer.wrap(state).getInt();
      }
    };
  }
}
