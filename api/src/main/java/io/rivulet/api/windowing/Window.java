package io.rivulet.api.windowing;

/** A bucket of elements; immutable, with value equality. */
public abstract class Window {
  /** The largest timestamp that still belongs to this window. */
  public abstract long maxTimestamp();
}
