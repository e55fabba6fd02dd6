package io.rivulet.kafka.impl;

/** A Kafka sink subtask cannot go on; the task fails and the job may restart from its last checkpoint. */
public final class KafkaSinkException extends RuntimeException {
  public KafkaSinkException(String message, Throwable cause) {
    super(message, cause);
  }

  public KafkaSinkException(String message) {
    super(message);
  }
}
