package io.rivulet.kafka.impl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one Kafka source in this JVM, shared by its subtasks and attempts: incremented by task
 * threads, read from any thread (the public view is {@code io.rivulet.kafka.KafkaSourceCounters}).
 */
public final class SourceMetrics {
  private static final Map<String, SourceMetrics> BY_SOURCE = new ConcurrentHashMap<>();

  public final LongAdder recordsRead = new LongAdder();
  public final LongAdder recordsDeadLettered = new LongAdder();
  public final LongAdder recordsSkipped = new LongAdder();

  private SourceMetrics() {}

  public static SourceMetrics forSource(String sourceId) {
    return BY_SOURCE.computeIfAbsent(sourceId, id -> new SourceMetrics());
  }

  public static void release(String sourceId) {
    BY_SOURCE.remove(sourceId);
  }
}
