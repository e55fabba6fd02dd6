package io.rivulet.runtime.state.snapshot;

import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.TypeSerializerSnapshot;
import io.rivulet.api.state.MapStateDescriptor;
import io.rivulet.api.state.StateDescriptor;

/**
 * What a snapshot records about one keyed state or timer service: its name, kind and the snapshots of the
 * serializers its entries were written with. Immutable; the serializer snapshots are taken once when the
 * state is registered (or read back from a restored snapshot).
 *
 * @param valueSerializer null for timers
 * @param userKeySerializer non-null only for map state
 */
public record StateMetaInfo(String name, Kind kind, TypeSerializerSnapshot<?> namespaceSerializer,
    TypeSerializerSnapshot<?> valueSerializer, TypeSerializerSnapshot<?> userKeySerializer) {

  /** What the entries of a section hold; {@link #code} is part of the snapshot format. */
  public enum Kind {
    VALUE(1),
    LIST(2),
    MAP(3),
    REDUCING(4),
    AGGREGATING(5),
    TIMERS(6);

    final int code;

    Kind(int code) {
      this.code = code;
    }

    public static Kind of(StateDescriptor.Kind kind) {
      return valueOf(kind.name());
    }

    static Kind ofCode(int code) {
      for (Kind k : values()) {
        if (k.code == code) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown state kind code " + code);
    }
  }

  public static StateMetaInfo forState(StateDescriptor<?, ?> descriptor, TypeSerializer<?> namespaceSerializer) {
    TypeSerializerSnapshot<?> userKey = descriptor instanceof MapStateDescriptor<?, ?> m
        ? m.keySerializer().snapshot() : null;
    return new StateMetaInfo(descriptor.name(), Kind.of(descriptor.kind()), namespaceSerializer.snapshot(),
        descriptor.serializer().snapshot(), userKey);
  }

  public static StateMetaInfo forTimers(String name, TypeSerializer<?> namespaceSerializer) {
    return new StateMetaInfo(name, Kind.TIMERS, namespaceSerializer.snapshot(), null, null);
  }

  /** Unique within one snapshot: states and timer services may share a name. */
  public String id() {
    return id(kind == Kind.TIMERS, name);
  }

  public static String id(boolean timers, String name) {
    return (timers ? "timers/" : "state/") + name;
  }

  @Override
  public String toString() {
    return kind == Kind.TIMERS ? "timer service '" + name + "'" : kind + " state '" + name + "'";
  }
}
