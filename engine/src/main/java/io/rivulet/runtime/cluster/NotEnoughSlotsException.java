package io.rivulet.runtime.cluster;

/** A job waited for task slots longer than its slot timeout; the message says how many it needs and has. */
public final class NotEnoughSlotsException extends RuntimeException {
  public NotEnoughSlotsException(String message) {
    super(message);
  }
}
