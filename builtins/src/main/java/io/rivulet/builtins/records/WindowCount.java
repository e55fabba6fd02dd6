package io.rivulet.builtins.records;

/** The {@code window}-th full window (0, 1, ...) of key {@code key}, holding {@code count} records. */
public record WindowCount(long key, long window, long count) {}
