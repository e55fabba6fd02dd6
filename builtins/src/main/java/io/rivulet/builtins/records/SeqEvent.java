package io.rivulet.builtins.records;

/** The {@code seq}-th record (0, 1, 2, ...) of key {@code key}, from the keyed sequence source. */
public record SeqEvent(long key, long seq) {}
