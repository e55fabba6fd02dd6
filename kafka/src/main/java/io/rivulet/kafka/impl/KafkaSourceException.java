package io.rivulet.kafka.impl;

/** A Kafka source subtask cannot go on (its fetcher failed); the task fails and the job may restart. */
public final class KafkaSourceException extends Exception {
  public KafkaSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
