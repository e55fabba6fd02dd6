package io.rivulet.runtime.state;

/**
 * Restored keyed state cannot be used as the job now declares it: another kind of state under the same
 * name, or a serializer that cannot read what the old one wrote. The message names the state and the
 * reason.
 */
public class IncompatibleStateException extends IllegalStateException {
  public IncompatibleStateException(String message) {
    super(message);
  }
}
