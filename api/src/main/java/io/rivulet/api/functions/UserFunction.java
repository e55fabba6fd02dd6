package io.rivulet.api.functions;

import java.io.Serializable;

/**
 * Base of every function a job author writes. Functions are serialized into the job graph and each
 * parallel subtask works on its own deserialized copy, so fields are per subtask. {@link #open} runs on
 * the task thread before the first record, {@link #close} after the last one (or on cancellation).
 */
public interface UserFunction extends Serializable {
  default void open(RuntimeContext context) throws Exception {}

  default void close() throws Exception {}
}
