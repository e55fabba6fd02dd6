package io.rivulet.runtime.network;

/**
 * Serialized content of a remote channel: records ({@code event == false}, {@code records} of them) or one
 * encoded {@link StreamEvent}. Immutable once built.
 */
public record NetworkBuffer(byte[] payload, int length, int records, boolean event) {}
