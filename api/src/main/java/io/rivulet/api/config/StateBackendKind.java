package io.rivulet.api.config;

/** Where keyed state lives while a job runs. Checkpoints have the same format for both. */
public enum StateBackendKind {
  /** Java objects on the heap: fastest, bounded by memory. The default. */
  HEAP,
  /** RocksDB on local disk: state larger than memory, every access serializes. */
  ROCKSDB
}
