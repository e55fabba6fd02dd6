package io.rivulet.runtime.state.snapshot;

import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.TypeSerializerSnapshot;
import io.rivulet.api.serialization.TypeSerializerSnapshot.Compatibility;
import io.rivulet.api.state.MapStateDescriptor;
import io.rivulet.api.state.StateDescriptor;
import io.rivulet.runtime.state.IncompatibleStateException;

/**
 * Decides, from the serializer snapshots stored in a checkpoint, how restored entries are read with the
 * serializers the job declares now. The rules are the same for both backends:
 *
 * <ul>
 *   <li>keys, namespaces and map user keys must be compatible as they are: their bytes are the RocksDB key,
 *       so rewriting them would reorder the store;
 *   <li>values may migrate: they are read with the restored serializer and written with the new one;
 *   <li>an incompatible serializer fails the restore, naming the state and the reason.
 * </ul>
 */
public final class SerializerCompatibility {
  private SerializerCompatibility() {}

  /**
   * The serializer to read restored bytes with.
   *
   * @param migrate true when those bytes must be rewritten with the new serializer (AFTER_MIGRATION)
   */
  public record Reader<T>(TypeSerializer<T> serializer, boolean migrate) {}

  /** For keys, namespaces and user keys, whose bytes cannot be rewritten. */
  public static void requireAsIs(String owner, String what, TypeSerializerSnapshot<?> stored,
      TypeSerializer<?> now) {
    Compatibility c = resolve(stored, now);
    if (c.kind() != Compatibility.Kind.COMPATIBLE_AS_IS) {
      throw new IncompatibleStateException("cannot restore " + owner + ": the " + what + " serializer "
          + (c.isIncompatible() ? "is incompatible" : "would need a migration, which is not supported for " + what
          + "s") + ": " + c.reason());
    }
  }

  /** For values (and timer namespaces, which live on the heap): migration allowed. */
  public static <T> Reader<T> reader(String owner, String what, TypeSerializerSnapshot<?> stored,
      TypeSerializer<T> now) {
    Compatibility c = resolve(stored, now);
    switch (c.kind()) {
      case COMPATIBLE_AS_IS:
        return new Reader<>(now, false);
      case COMPATIBLE_AFTER_MIGRATION:
        @SuppressWarnings("unchecked")
        TypeSerializer<T> old = (TypeSerializer<T>) stored.restoreSerializer();
        if (old == null) {
          throw new IncompatibleStateException("cannot restore " + owner + ": the " + what + " serializer needs a"
              + " migration (" + c.reason() + ") but the old serializer cannot be restored");
        }
        return new Reader<>(old, true);
      default:
        throw new IncompatibleStateException("cannot restore " + owner + ": the " + what
            + " serializer is incompatible: " + c.reason());
    }
  }

  /**
   * Checks a restored state against the descriptor it is registered with now.
   *
   * @return how to read the restored values
   */
  public static <T> Reader<T> checkState(StateMetaInfo restored, StateDescriptor<?, T> descriptor,
      TypeSerializer<?> namespaceSerializer) {
    String owner = "state '" + descriptor.name() + "'";
    StateMetaInfo.Kind now = StateMetaInfo.Kind.of(descriptor.kind());
    if (restored.kind() != now) {
      throw new IncompatibleStateException("cannot restore " + owner + ": it was checkpointed as " + restored.kind()
          + " state but is now registered as " + now + " state");
    }
    requireAsIs(owner, "namespace", restored.namespaceSerializer(), namespaceSerializer);
    if (descriptor instanceof MapStateDescriptor<?, ?> map) {
      requireAsIs(owner, "map key", restored.userKeySerializer(), map.keySerializer());
    }
    return reader(owner, "value", restored.valueSerializer(), descriptor.serializer());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Compatibility resolve(TypeSerializerSnapshot<?> stored, TypeSerializer<?> now) {
    Compatibility c = ((TypeSerializerSnapshot) stored).resolveCompatibility(now);
    if (c == null) {
      return Compatibility.incompatible("the stored serializer snapshot " + stored.getClass().getName()
          + " gave no answer");
    }
    return c;
  }
}
