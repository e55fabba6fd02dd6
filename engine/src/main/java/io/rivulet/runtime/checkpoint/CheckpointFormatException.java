package io.rivulet.runtime.checkpoint;

/**
 * Checkpoint metadata, an acknowledgement or restore state that this version cannot read: not Rivulet's, corrupt,
 * Java-serialized by a version before format 1, or of a newer format. The message names the source and the reason.
 */
public final class CheckpointFormatException extends IllegalArgumentException {
  public CheckpointFormatException(String message) {
    super(message);
  }

  public CheckpointFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
