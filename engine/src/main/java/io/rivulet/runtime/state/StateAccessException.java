package io.rivulet.runtime.state;

/**
 * A state access failed below the state API, which declares no checked exceptions: a serializer threw an
 * {@code IOException} or RocksDB reported an error.
 */
public class StateAccessException extends RuntimeException {
  public StateAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
