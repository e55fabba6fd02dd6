package io.rivulet.runtime.state;

/**
 * Null checks for state hot paths. Unlike {@code Objects.requireNonNull(v, () -> msg)}, whose message lambda
 * captures the state and may be allocated on every call when the JIT does not eliminate it, these build the
 * message only on failure.
 */
public final class StateNulls {
  private StateNulls() {}

  /**
   * @param what e.g. "list state 'buffer'"
   * @param thing e.g. "elements"
   */
  public static <T> T require(T value, String what, String stateName, String thing) {
    if (value == null) {
      throw new NullPointerException(what + " '" + stateName + "' does not take null " + thing);
    }
    return value;
  }
}
