package io.rivulet.client;

/** A request to the control plane failed; {@link #status()} is the HTTP status, or -1 if none came back. */
public final class RivuletClientException extends RuntimeException {
  private final int status;

  public RivuletClientException(String message, int status) {
    super(message);
    this.status = status;
  }

  public RivuletClientException(String message, Throwable cause) {
    super(message, cause);
    this.status = -1;
  }

  public int status() {
    return status;
  }
}
