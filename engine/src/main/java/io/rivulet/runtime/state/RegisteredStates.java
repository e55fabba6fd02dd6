package io.rivulet.runtime.state;

import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.MapStateDescriptor;
import io.rivulet.api.state.StateDescriptor;

/** Checks shared by both backends when a state name is asked for again. */
public final class RegisteredStates {
  private RegisteredStates() {}

  /**
   * @throws IllegalStateException if {@code requested} names the state {@code existing} with another kind,
   *     value type, map key type or namespace type
   */
  public static void requireSameType(StateDescriptor<?, ?> existing, TypeSerializer<?> existingNamespace,
      StateDescriptor<?, ?> requested, TypeSerializer<?> requestedNamespace) {
    boolean same = existing.kind() == requested.kind()
        && existing.serializer().typeClass().equals(requested.serializer().typeClass())
        && existingNamespace.typeClass().equals(requestedNamespace.typeClass());
    if (same && existing instanceof MapStateDescriptor<?, ?> a && requested instanceof MapStateDescriptor<?, ?> b) {
      same = a.keySerializer().typeClass().equals(b.keySerializer().typeClass());
    }
    if (!same) {
      throw new IllegalStateException("state '" + requested.name() + "' is already registered as " + existing
          + " with namespaces of " + existingNamespace.typeName() + "; cannot use it as " + requested
          + " with namespaces of " + requestedNamespace.typeName());
    }
  }
}
