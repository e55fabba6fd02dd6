package io.rivulet.runtime.state.timers;

import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.runtime.state.CurrentKey;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.snapshot.StateMetaInfo;
import io.rivulet.runtime.timers.InternalTimerService;
import io.rivulet.runtime.timers.ProcessingTimeService;
import io.rivulet.runtime.timers.Triggerable;

/**
 * One named timer service of a keyed operator; timers live on the heap with either state backend. Owned
 * by the task thread: registration happens while processing records or timers, firing happens from
 * {@link TimerServiceManager#advanceWatermark} and from processing-time callbacks, which the
 * {@link ProcessingTimeService} runs on the task thread too.
 */
final class HeapTimerService<K, N> implements InternalTimerService<N> {
  private static final long NOT_SCHEDULED = Long.MAX_VALUE;

  final String name;
  final TypeSerializer<N> namespaceSerializer;
  final StateMetaInfo meta;
  final TimerQueue<K, N> eventTimers;
  final TimerQueue<K, N> processingTimers;
  private final TimerServiceManager<K> manager;
  private final CurrentKey<K> currentKey;
  private final Triggerable<K, N> target;
  private final ProcessingTimeService.ProcessingTimeCallback onProcessingTime = this::onProcessingTime;

  // the processing-time callback registered for the earliest processing-time timer
  private ProcessingTimeService.Cancellable scheduled;
  private long scheduledTime = NOT_SCHEDULED;

  HeapTimerService(String name, TypeSerializer<N> namespaceSerializer, Triggerable<K, N> target,
      TimerServiceManager<K> manager, CurrentKey<K> currentKey, KeyGroupRange range) {
    this.name = name;
    this.namespaceSerializer = namespaceSerializer;
    this.meta = StateMetaInfo.forTimers(name, namespaceSerializer);
    this.target = target;
    this.manager = manager;
    this.currentKey = currentKey;
    this.eventTimers = new TimerQueue<>(range);
    this.processingTimers = new TimerQueue<>(range);
  }

  @Override
  public long currentProcessingTime() {
    return manager.processingTimeService().currentProcessingTime();
  }

  @Override
  public long currentWatermark() {
    return manager.currentWatermark();
  }

  @Override
  public void registerEventTimeTimer(N namespace, long time) {
    eventTimers.add(time, currentKey.require(), namespace, currentKey.keyGroup());
  }

  @Override
  public void deleteEventTimeTimer(N namespace, long time) {
    eventTimers.remove(time, currentKey.require(), namespace, currentKey.keyGroup());
  }

  @Override
  public void registerProcessingTimeTimer(N namespace, long time) {
    if (processingTimers.add(time, currentKey.require(), namespace, currentKey.keyGroup())) {
      scheduleEarliest();
    }
  }

  /**
   * Deleting the earliest timer leaves its callback registered: it then fires nothing and schedules the
   * next timer, which is cheaper than cancelling and re-registering on every delete.
   */
  @Override
  public void deleteProcessingTimeTimer(N namespace, long time) {
    processingTimers.remove(time, currentKey.require(), namespace, currentKey.keyGroup());
  }

  @Override
  public int numEventTimeTimers() {
    return eventTimers.size();
  }

  @Override
  public int numProcessingTimeTimers() {
    return processingTimers.size();
  }

  /** Fires the earliest event-time timer; the caller checked that it is due. */
  void fireNextEventTimer() throws Exception {
    TimerEntry<K, N> timer = eventTimers.poll();
    currentKey.set(timer.key());
    target.onEventTime(timer);
  }

  /** Registers a callback for the earliest processing-time timer if none is registered for that time yet. */
  void scheduleEarliest() {
    TimerEntry<K, N> head = processingTimers.peek();
    if (head == null || head.timestamp() >= scheduledTime) {
      return;
    }
    if (scheduled != null) {
      scheduled.cancel();
    }
    scheduledTime = head.timestamp();
    scheduled = manager.processingTimeService().registerTimer(scheduledTime, onProcessingTime);
  }

  private void onProcessingTime(long time) throws Exception {
    scheduled = null;
    scheduledTime = NOT_SCHEDULED;
    for (TimerEntry<K, N> t = processingTimers.peek(); t != null && t.timestamp() <= time;
        t = processingTimers.peek()) {
      processingTimers.poll();
      currentKey.set(t.key());
      target.onProcessingTime(t);
    }
    scheduleEarliest();
  }

  void cancelScheduled() {
    if (scheduled != null) {
      scheduled.cancel();
      scheduled = null;
      scheduledTime = NOT_SCHEDULED;
    }
  }
}
