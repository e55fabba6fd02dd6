package io.rivulet.runtime.timers;

/** A timer of a keyed operator: fires once for (key, namespace, timestamp). */
public interface InternalTimer<K, N> {
  long timestamp();

  K key();

  N namespace();
}
