package io.rivulet.kafka.impl;

import io.rivulet.api.connector.SourceGate;
import io.rivulet.api.watermark.WatermarkStrategy;
import io.rivulet.kafka.KafkaRecordDeserializer;
import io.rivulet.kafka.StartingOffsets;
import java.io.Serializable;
import java.util.Map;

/**
 * The settings of a Kafka source, as built by {@code KafkaSource.Builder}; immutable, travels in the job graph.
 *
 * @param sourceId names the source's counters in this JVM
 * @param properties extra client properties (consumer and dead-letter producer)
 * @param watermarks per-partition watermark strategy, or null for none
 * @param groupId consumer group for {@link StartingOffsets#COMMITTED} and for committing offsets of completed
 *     checkpoints (monitoring only), or null
 * @param holdAtOffset no record at or past this offset of a partition is emitted until {@code holdGate} opens; -1 when
 *     the source is not held
 * @param holdGate what releases a held source, or null
 */
public record SourceConfig<T>(
    String sourceId,
    String bootstrapServers,
    String topic,
    KafkaRecordDeserializer<T> deserializer,
    StartingOffsets startingOffsets,
    boolean bounded,
    WatermarkStrategy<T> watermarks,
    long watermarkIntervalMillis,
    String deadLetterTopic,
    String groupId,
    int maxRecordsPerPoll,
    Map<String, String> properties,
    long holdAtOffset,
    SourceGate holdGate) implements Serializable {}
