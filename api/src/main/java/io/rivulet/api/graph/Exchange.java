package io.rivulet.api.graph;

/** How records cross an edge between two tasks. */
public enum Exchange {
  /** Same JVM, objects handed over without serialization; only where both ends run in one process. */
  LOCAL,
  /** Credit-based gRPC channel between task runtimes (in one JVM it becomes LOCAL). The default. */
  DIRECT,
  /** A Kafka topic per edge, partitioned by key: survives failures without upstream replay. */
  DURABLE
}
