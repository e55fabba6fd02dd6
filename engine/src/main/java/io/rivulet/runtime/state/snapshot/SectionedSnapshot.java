package io.rivulet.runtime.state.snapshot;

import io.rivulet.api.serialization.TypeSerializerSnapshot;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.KeyedStateSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A keyed snapshot made of frozen sections, written in the {@link KeyedSnapshotFormat}. Built by the task
 * thread; {@link #write} and {@link #release} run on a checkpoint I/O thread.
 */
public final class SectionedSnapshot implements KeyedStateSnapshot {
  private final SnapshotHeader header;
  private final KeyGroupRange range;
  private final List<SnapshotSection> sections;
  private final Runnable onRelease;
  private final boolean releaseAfterWrite;
  private volatile boolean released;

  /**
   * @param onRelease frees what the backend holds for this snapshot (e.g. a RocksDB snapshot); may be null
   * @param releaseAfterWrite whether {@link #write} releases when done (it can be written only once then)
   */
  public SectionedSnapshot(TypeSerializerSnapshot<?> keySerializer, KeyGroupRange range,
      List<SnapshotSection> sections, Runnable onRelease, boolean releaseAfterWrite) {
    this.header = new SnapshotHeader(keySerializer,
        sections.stream().map(SnapshotSection::meta).collect(Collectors.toList()));
    this.range = range;
    this.sections = List.copyOf(sections);
    this.onRelease = onRelease;
    this.releaseAfterWrite = releaseAfterWrite;
  }

  @Override
  public long[] write(OutputStream out) throws IOException {
    if (released) {
      throw new IllegalStateException("snapshot was already released");
    }
    try {
      return SnapshotWriter.write(out, header, range, sections);
    } finally {
      if (releaseAfterWrite) {
        release();
      }
    }
  }

  @Override
  public synchronized void release() {
    if (released) {
      return;
    }
    released = true;
    for (SnapshotSection s : sections) {
      s.release();
    }
    if (onRelease != null) {
      onRelease.run();
    }
  }
}
