package io.rivulet.runtime.state.heap;

import io.rivulet.api.serialization.DataOutputView;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.MapStateDescriptor;
import io.rivulet.api.state.StateDescriptor;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.snapshot.SnapshotSection;
import io.rivulet.runtime.state.snapshot.SnapshotWriter;
import io.rivulet.runtime.state.snapshot.StateMetaInfo;
import io.rivulet.runtime.state.snapshot.StateValueEncoding;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A heap state frozen by the task thread in the synchronous snapshot part; serialized later by the
 * checkpoint I/O thread with its own duplicates of the serializers.
 */
final class HeapStateSection implements SnapshotSection {
  private final StateMetaInfo meta;
  private final KeyGroupRange range;
  private final StateMap.Frozen[] frozen;
  private final TypeSerializer<Object> keys;
  private final TypeSerializer<Object> namespaces;
  private final TypeSerializer<Object> values;
  private final TypeSerializer<Object> userKeys;

  @SuppressWarnings("unchecked")
  HeapStateSection(StateMetaInfo meta, StateDescriptor<?, ?> descriptor, TypeSerializer<?> keySerializer,
      TypeSerializer<?> namespaceSerializer, KeyGroupRange range, StateMap.Frozen[] frozen) {
    this.meta = meta;
    this.range = range;
    this.frozen = frozen;
    this.keys = (TypeSerializer<Object>) keySerializer.duplicate();
    this.namespaces = (TypeSerializer<Object>) namespaceSerializer.duplicate();
    this.values = (TypeSerializer<Object>) descriptor.serializer().duplicate();
    this.userKeys = descriptor instanceof MapStateDescriptor<?, ?> m
        ? (TypeSerializer<Object>) m.keySerializer().duplicate() : null;
  }

  @Override
  public StateMetaInfo meta() {
    return meta;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void writeKeyGroup(int keyGroup, SnapshotWriter out) throws IOException {
    StateMap.Frozen f = frozen[keyGroup - range.start()];
    if (f == null) {
      return;
    }
    Object[] ks = f.keys();
    Object[] ns = f.namespaces();
    Object[] vs = f.values();
    for (int i = 0; i < ks.length; i++) {
      if (ks[i] == null) {
        continue; // an empty slot of the frozen hash table
      }
      switch (meta.kind()) {
        case MAP -> {
          for (Map.Entry<Object, Object> e : ((Map<Object, Object>) vs[i]).entrySet()) {
            DataOutputView key = out.beginKey();
            keys.serialize(ks[i], key);
            namespaces.serialize(ns[i], key);
            userKeys.serialize(e.getKey(), key);
            StateValueEncoding.writeMapValue(e.getValue(), values, out.beginValue());
            out.endEntry();
          }
        }
        case LIST -> {
          List<Object> list = (List<Object>) vs[i];
          if (!list.isEmpty()) {
            writeKey(out, ks[i], ns[i]);
            StateValueEncoding.writeList(list, values, out.beginValue());
            out.endEntry();
          }
        }
        default -> {
          writeKey(out, ks[i], ns[i]);
          values.serialize(vs[i], out.beginValue());
          out.endEntry();
        }
      }
    }
  }

  private void writeKey(SnapshotWriter out, Object key, Object namespace) throws IOException {
    DataOutputView view = out.beginKey();
    keys.serialize(key, view);
    namespaces.serialize(namespace, view);
  }
}
