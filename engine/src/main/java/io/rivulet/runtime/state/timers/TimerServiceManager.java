package io.rivulet.runtime.state.timers;

import io.rivulet.api.serialization.DataInputDeserializer;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.runtime.state.CurrentKey;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.snapshot.KeyedSnapshotFormat;
import io.rivulet.runtime.state.snapshot.RestoredEntries;
import io.rivulet.runtime.state.snapshot.SerializerCompatibility;
import io.rivulet.runtime.state.snapshot.SnapshotSection;
import io.rivulet.runtime.state.snapshot.StateMetaInfo;
import io.rivulet.runtime.timers.InternalTimerService;
import io.rivulet.runtime.timers.ProcessingTimeService;
import io.rivulet.runtime.timers.Triggerable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timer services of one keyed operator, shared by both state backends: creates them by name, fires
 * event-time timers across them in timestamp order, and snapshots and restores their timers by key group.
 * Owned by the task thread.
 */
public final class TimerServiceManager<K> {
  private final CurrentKey<K> currentKey;
  private final TypeSerializer<K> keySerializer;
  /** In creation order, which breaks ties between services when timers of equal timestamp fire. */
  private final Map<String, HeapTimerService<K, ?>> services = new LinkedHashMap<>();
  /** Restored timers of services that were not asked for yet. */
  private final Map<String, RestoredEntries> restored = new LinkedHashMap<>();
  private ProcessingTimeService processingTime;
  private long watermark = Long.MIN_VALUE;

  public TimerServiceManager(CurrentKey<K> currentKey, TypeSerializer<K> keySerializer) {
    this.currentKey = currentKey;
    this.keySerializer = keySerializer;
  }

  public void setProcessingTimeService(ProcessingTimeService processingTime) {
    this.processingTime = processingTime;
  }

  ProcessingTimeService processingTimeService() {
    if (processingTime == null) {
      throw new IllegalStateException("no processing time service: the task must call"
          + " setProcessingTimeService(...) on the keyed state backend before timers are used");
    }
    return processingTime;
  }

  long currentWatermark() {
    return watermark;
  }

  /** @see io.rivulet.runtime.state.KeyedStateBackend#timerService */
  @SuppressWarnings("unchecked")
  public <N> InternalTimerService<N> timerService(String name, TypeSerializer<N> namespaceSerializer,
      Triggerable<K, N> target) throws IOException {
    HeapTimerService<K, ?> existing = services.get(name);
    if (existing != null) {
      if (!existing.namespaceSerializer.typeClass().equals(namespaceSerializer.typeClass())) {
        throw new IllegalStateException("timer service '" + name + "' already exists with namespaces of type "
            + existing.namespaceSerializer.typeName() + ", not " + namespaceSerializer.typeName());
      }
      return (InternalTimerService<N>) existing;
    }
    HeapTimerService<K, N> service = new HeapTimerService<>(name, namespaceSerializer, target, this, currentKey,
        currentKey.range());
    RestoredEntries timers = restored.remove(name);
    if (timers != null) {
      restoreInto(service, timers);
    }
    services.put(name, service);
    if (service.processingTimers.size() > 0) {
      service.scheduleEarliest();
    }
    return service;
  }

  private <N> void restoreInto(HeapTimerService<K, N> service, RestoredEntries timers) throws IOException {
    String owner = "timer service '" + service.name + "'";
    TypeSerializer<N> namespaces = SerializerCompatibility.reader(owner, "namespace",
        timers.meta().namespaceSerializer(), service.namespaceSerializer).serializer();
    timers.forEach((keyGroup, keyBytes, valueBytes) -> addRestored(service, namespaces, keyGroup, keyBytes,
        valueBytes));
  }

  private <N> void addRestored(HeapTimerService<K, N> service, TypeSerializer<N> namespaces, int keyGroup,
      DataInputDeserializer keyBytes, DataInputDeserializer valueBytes) throws IOException {
    K key = keySerializer.deserialize(keyBytes);
    N namespace = namespaces.deserialize(keyBytes);
    byte domain = valueBytes.readByte();
    long time = valueBytes.readLong();
    TimerQueue<K, N> queue = domain == KeyedSnapshotFormat.EVENT_TIME ? service.eventTimers
        : service.processingTimers;
    queue.add(time, key, namespace, keyGroup);
  }

  /**
   * Fires all event-time timers at or before {@code newWatermark} in timestamp order across services;
   * timers registered while firing fire too when they are due.
   */
  public void advanceWatermark(long newWatermark) throws Exception {
    watermark = newWatermark;
    while (true) {
      HeapTimerService<K, ?> next = null;
      long nextTime = Long.MAX_VALUE;
      for (HeapTimerService<K, ?> s : services.values()) {
        TimerEntry<K, ?> head = s.eventTimers.peek();
        if (head != null && head.timestamp() <= newWatermark && (next == null || head.timestamp() < nextTime)) {
          next = s;
          nextTime = head.timestamp();
        }
      }
      if (next == null) {
        return;
      }
      next.fireNextEventTimer();
    }
  }

  /** A restored entry of a timer service, kept until the service is asked for. */
  public void restoreEntry(StateMetaInfo meta, int keyGroup, byte[] key, int keyLen, byte[] value, int valueLen) {
    if (services.containsKey(meta.name())) {
      throw new IllegalStateException("timers of '" + meta.name() + "' restored after the service was created");
    }
    restored.computeIfAbsent(meta.name(), n -> new RestoredEntries(meta, currentKey.range()))
        .add(keyGroup, key, keyLen, value, valueLen);
  }

  /** Synchronous snapshot part: freezes the timers of every service (references only; timers are immutable). */
  public List<SnapshotSection> snapshot() {
    List<SnapshotSection> sections = new ArrayList<>();
    KeyGroupRange range = currentKey.range();
    for (HeapTimerService<K, ?> s : services.values()) {
      sections.add(TimerSection.freeze(s, range, keySerializer));
    }
    for (RestoredEntries r : restored.values()) {
      sections.add(r.asSection());
    }
    return sections;
  }

  /** Cancels the processing-time callbacks; timers stay registered (for a final snapshot). */
  public void close() {
    for (HeapTimerService<K, ?> s : services.values()) {
      s.cancelScheduled();
    }
  }
}
