package io.rivulet.examples;

import io.rivulet.api.serialization.GenerateSerializer;

/** The average of one sensor's readings in the window [start, end). */
@GenerateSerializer
public record SensorAverage(String sensor, long start, long end, long count, double average) {}
