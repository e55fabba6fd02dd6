package io.rivulet.kafka.impl;

import io.rivulet.kafka.DeliveryGuarantee;
import io.rivulet.kafka.KafkaRecordSerializer;
import java.io.Serializable;
import java.util.Map;

/**
 * The settings of a Kafka sink, as built by {@code KafkaSink.Builder}; immutable, travels in the job graph.
 *
 * @param transactionalIdPrefix exactly-once only: subtask {@code i} uses transactional ids
 *     {@code <prefix>-<i>-<n>} and the consumer group {@code <prefix>-<i>-commits} for its commit markers
 * @param properties extra producer (and, for recovery, consumer and admin) properties
 */
public record SinkConfig<T>(
    String bootstrapServers,
    String topic,
    KafkaRecordSerializer<T> serializer,
    DeliveryGuarantee guarantee,
    String transactionalIdPrefix,
    long transactionTimeoutMillis,
    Map<String, String> properties) implements Serializable {}
