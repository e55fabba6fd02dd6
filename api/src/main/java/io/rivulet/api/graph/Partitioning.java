package io.rivulet.api.graph;

/** Which downstream subtask(s) receive a record. */
public enum Partitioning {
  /** Subtask i to subtask i; requires equal parallelism. Lets the two operators chain. */
  FORWARD,
  /** Round robin over all downstream subtasks. */
  REBALANCE,
  /** By key group of the record's key: all records of a key reach the same subtask. */
  HASH,
  /** Every record to every downstream subtask. */
  BROADCAST,
  /** Everything to subtask 0. */
  GLOBAL
}
