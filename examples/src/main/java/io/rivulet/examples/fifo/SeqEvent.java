package io.rivulet.examples.fifo;

import io.rivulet.api.serialization.GenerateSerializer;

/** The {@code seq}-th record of key {@code key} (0, 1, 2, ... per key). */
@GenerateSerializer
public record SeqEvent(int key, long seq) {}
