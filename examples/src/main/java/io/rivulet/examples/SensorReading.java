package io.rivulet.examples;

import io.rivulet.api.serialization.GenerateSerializer;

/** A measurement of one sensor at an event time (epoch millis). */
@GenerateSerializer
public record SensorReading(String sensor, long timestamp, double value) {}
