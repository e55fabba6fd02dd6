package io.rivulet.runtime.state.snapshot;

import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.api.serialization.DataOutputView;
import io.rivulet.runtime.state.KeyGroupRange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes a snapshot in the {@link KeyedSnapshotFormat} to a stream and records where each key group starts.
 * Sections serialize straight into this writer's buffer ({@link #beginKey}, {@link #beginValue},
 * {@link #endEntry}); the buffer goes to the stream between entries. Used by one checkpoint I/O thread.
 */
public final class SnapshotWriter {
  private static final int FLUSH_AT = 64 * 1024;

  private final OutputStream out;
  private final DataOutputSerializer buf = new DataOutputSerializer(FLUSH_AT + 4096);
  private long flushed;
  private int sectionIndex;
  private boolean sectionOpen;
  private int keyMark = -1;
  private int valueMark = -1;

  private SnapshotWriter(OutputStream out) {
    this.out = out;
  }

  /**
   * Writes the header and every key group of {@code range}, asking each section for its entries.
   *
   * @return the offset of each key group, relative to the first byte written
   */
  public static long[] write(OutputStream out, SnapshotHeader header, KeyGroupRange range,
      List<? extends SnapshotSection> sections) throws IOException {
    SnapshotWriter w = new SnapshotWriter(out);
    KeyedSnapshotFormat.writeHeader(w.buf, header);
    long[] offsets = new long[range.size()];
    for (int kg = range.start(); kg <= range.end(); kg++) {
      offsets[kg - range.start()] = w.position();
      w.buf.writeInt(kg);
      for (int i = 0; i < sections.size(); i++) {
        w.sectionIndex = i;
        w.sectionOpen = false;
        sections.get(i).writeKeyGroup(kg, w);
        w.closeSection();
      }
      w.buf.writeVarInt(KeyedSnapshotFormat.END_OF_KEY_GROUP);
      w.maybeFlush();
    }
    w.flush();
    out.flush();
    return offsets;
  }

  private long position() {
    return flushed + buf.length();
  }

  /** Starts an entry; serialize key ‖ namespace [‖ user key] into the returned view. */
  public DataOutputView beginKey() {
    openSection();
    keyMark = buf.length();
    buf.writeInt(0);
    return buf;
  }

  /** Ends the key bytes; serialize the value into the returned view. */
  public DataOutputView beginValue() {
    buf.putIntAt(keyMark, buf.length() - keyMark - 4);
    valueMark = buf.length();
    buf.writeInt(0);
    return buf;
  }

  public void endEntry() throws IOException {
    buf.putIntAt(valueMark, buf.length() - valueMark - 4);
    keyMark = -1;
    valueMark = -1;
    maybeFlush();
  }

  /** An entry whose key and value bytes are already serialized. */
  public void entry(byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen)
      throws IOException {
    openSection();
    buf.writeInt(keyLen);
    buf.write(key, keyOff, keyLen);
    buf.writeInt(valueLen);
    buf.write(value, valueOff, valueLen);
    maybeFlush();
  }

  /** Entries already in the format's entry encoding (e.g. carried over from a restored snapshot). */
  public void rawEntries(byte[] entries, int off, int len) throws IOException {
    if (len == 0) {
      return;
    }
    openSection();
    buf.write(entries, off, len);
    maybeFlush();
  }

  private void openSection() {
    if (!sectionOpen) {
      buf.writeVarInt(sectionIndex + 1);
      sectionOpen = true;
    }
  }

  private void closeSection() {
    if (keyMark >= 0) {
      throw new IllegalStateException("section " + sectionIndex + " left an entry unfinished");
    }
    if (sectionOpen) {
      buf.writeInt(KeyedSnapshotFormat.END_OF_SECTION);
      sectionOpen = false;
    }
  }

  private void maybeFlush() throws IOException {
    if (buf.length() >= FLUSH_AT) {
      flush();
    }
  }

  private void flush() throws IOException {
    out.write(buf.buffer(), 0, buf.length());
    flushed += buf.length();
    buf.clear();
  }
}
