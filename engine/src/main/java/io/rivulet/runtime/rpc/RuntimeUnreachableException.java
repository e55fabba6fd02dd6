package io.rivulet.runtime.rpc;

/** A call found nobody answering at the other end: the process is gone or its port is closed. */
public final class RuntimeUnreachableException extends RuntimeException {
  public RuntimeUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
