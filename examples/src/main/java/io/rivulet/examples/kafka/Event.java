package io.rivulet.examples.kafka;

import io.rivulet.api.serialization.GenerateSerializer;

/** One input record: a key and a number; its event time is the Kafka record's timestamp. */
@GenerateSerializer
public record Event(String key, long value) {}
