package io.rivulet.api.connector;

/** What {@link SourceReader#pollNext} says about what follows. */
public enum InputStatus {
  /** Call again right away. */
  MORE_AVAILABLE,
  /** Nothing now: the task waits until {@link SourceContext#signalAvailable()} or a short poll delay. */
  NOTHING_AVAILABLE,
  /** This reader is done; it will not be called again. */
  END_OF_INPUT
}
