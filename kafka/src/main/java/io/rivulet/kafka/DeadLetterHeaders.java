package io.rivulet.kafka;

/**
 * Headers a {@link KafkaSource} adds to a record it could not decode when it writes it to the dead-letter
 * topic (values are UTF-8 text). The record keeps its key, value, timestamp and original headers.
 */
public final class DeadLetterHeaders {
  /** Class name of the exception the deserializer threw. */
  public static final String EXCEPTION_CLASS = "rivulet.dlq.exception.class";
  /** Its message (empty when it had none). */
  public static final String EXCEPTION_MESSAGE = "rivulet.dlq.exception.message";
  public static final String ORIGIN_TOPIC = "rivulet.dlq.origin.topic";
  public static final String ORIGIN_PARTITION = "rivulet.dlq.origin.partition";
  public static final String ORIGIN_OFFSET = "rivulet.dlq.origin.offset";
  /** The record's timestamp in epoch milliseconds ({@code -1} when it had none). */
  public static final String ORIGIN_TIMESTAMP = "rivulet.dlq.origin.timestamp";

  private DeadLetterHeaders() {}
}
