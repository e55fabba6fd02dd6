package io.rivulet.api.serialization;

import java.io.EOFException;
import java.io.IOException;

/**
 * The length prefix shared by strings, arrays and collections: var-int of (length + 1), 0 for null. Reading
 * checks the length against the bytes left, so that corrupt input fails with an EOF instead of a huge
 * allocation.
 */
final class Lengths {
  private Lengths() {}

  static void writeNull(DataOutputView out) throws IOException {
    out.writeVarInt(0);
  }

  static void write(int length, DataOutputView out) throws IOException {
    out.writeVarInt(length + 1);
  }

  /** The length, or -1 for null. {@code minBytesEach} is the least an element can take in the input. */
  static int read(DataInputView in, int minBytesEach, String what) throws IOException {
    int n = in.readVarInt() - 1;
    if (n < -1) {
      throw new IOException("malformed " + what + " length " + n);
    }
    int left = in.available();
    if (left >= 0 && (long) n * minBytesEach > left) {
      throw new EOFException(what + " of " + n + " elements but only " + left + " bytes left");
    }
    return n;
  }

  /** A HashMap/HashSet capacity that holds {@code n} entries without rehashing. */
  static int hashCapacity(int n) {
    return n < 3 ? n + 1 : (int) Math.min(Integer.MAX_VALUE, (long) (n / 0.75f) + 1);
  }
}
