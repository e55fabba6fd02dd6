package io.rivulet.runtime.state.timers;

import io.rivulet.api.serialization.DataOutputView;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.snapshot.KeyedSnapshotFormat;
import io.rivulet.runtime.state.snapshot.SnapshotSection;
import io.rivulet.runtime.state.snapshot.SnapshotWriter;
import io.rivulet.runtime.state.snapshot.StateMetaInfo;
import java.io.IOException;

/**
 * The frozen timers of one service: arrays of timer references per key group, copied by the task thread in
 * the synchronous part and serialized by the checkpoint I/O thread with duplicated serializers.
 */
final class TimerSection<K, N> implements SnapshotSection {
  private final StateMetaInfo meta;
  private final KeyGroupRange range;
  private final TypeSerializer<K> keySerializer;
  private final TypeSerializer<N> namespaceSerializer;
  private final TimerEntry<K, N>[][] eventTimers;
  private final TimerEntry<K, N>[][] processingTimers;

  @SuppressWarnings("unchecked")
  private TimerSection(HeapTimerService<K, N> service, KeyGroupRange range, TypeSerializer<K> keySerializer) {
    this.meta = service.meta;
    this.range = range;
    this.keySerializer = keySerializer.duplicate();
    this.namespaceSerializer = service.namespaceSerializer.duplicate();
    this.eventTimers = new TimerEntry[range.size()][];
    this.processingTimers = new TimerEntry[range.size()][];
    for (int i = 0; i < range.size(); i++) {
      eventTimers[i] = service.eventTimers.freeze(range.start() + i);
      processingTimers[i] = service.processingTimers.freeze(range.start() + i);
    }
  }

  static <K, N> TimerSection<K, N> freeze(HeapTimerService<K, N> service, KeyGroupRange range,
      TypeSerializer<K> keySerializer) {
    return new TimerSection<>(service, range, keySerializer);
  }

  @Override
  public StateMetaInfo meta() {
    return meta;
  }

  @Override
  public void writeKeyGroup(int keyGroup, SnapshotWriter out) throws IOException {
    int i = keyGroup - range.start();
    write(eventTimers[i], KeyedSnapshotFormat.EVENT_TIME, out);
    write(processingTimers[i], KeyedSnapshotFormat.PROCESSING_TIME, out);
  }

  private void write(TimerEntry<K, N>[] timers, byte domain, SnapshotWriter out) throws IOException {
    if (timers == null) {
      return;
    }
    for (TimerEntry<K, N> t : timers) {
      DataOutputView key = out.beginKey();
      keySerializer.serialize(t.key(), key);
      namespaceSerializer.serialize(t.namespace(), key);
      DataOutputView value = out.beginValue();
      value.writeByte(domain);
      value.writeLong(t.timestamp());
      out.endEntry();
    }
  }
}
