package io.rivulet.runtime.network;

/**
 * Serialized content of a remote channel: records ({@code event == false}, {@code records} of them) or one
 * encoded {@link StreamEvent}, in {@code payload[offset, offset + length)}. Immutable once built; the array
 * region belongs to the buffer (the receiving transport hands in a region of the frame it read, without copying).
 */
public record NetworkBuffer(byte[] payload, int offset, int length, int records, boolean event) {
  /** A buffer that starts at the beginning of its array. */
  public NetworkBuffer(byte[] payload, int length, int records, boolean event) {
    this(payload, 0, length, records, event);
  }
}
