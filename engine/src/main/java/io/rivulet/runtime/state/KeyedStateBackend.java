package io.rivulet.runtime.state;

import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.State;
import io.rivulet.api.state.StateDescriptor;
import io.rivulet.runtime.timers.InternalTimerService;
import io.rivulet.runtime.timers.ProcessingTimeService;
import io.rivulet.runtime.timers.Triggerable;
import java.util.List;

/**
 * Keyed state and timers of one keyed operator in one subtask, for the key groups it owns. Used only by
 * the task thread. The operator (or the task on its behalf) sets the current key before every record and
 * timer; every state object acts on that key.
 *
 * <p>Two implementations, chosen per job: heap (Java objects) and RocksDB. Both write the same snapshot
 * format, so a job can restore a checkpoint taken with the other backend and with another parallelism.
 */
public interface KeyedStateBackend<K> extends AutoCloseable {

  TypeSerializer<K> keySerializer();

  KeyGroupRange keyGroupRange();

  int maxParallelism();

  /** Sets the key that state and timers act on; computes its key group. */
  void setCurrentKey(K key);

  K currentKey();

  int currentKeyGroup();

  /**
   * The state registered under {@code descriptor.name()}, created on first use. The returned object
   * implements both {@code S} and {@link InternalKvState}.
   *
   * @throws IllegalStateException if the name is already used by a state of another kind or type
   */
  <N, S extends State> S getOrCreateState(StateDescriptor<S, ?> descriptor, TypeSerializer<N> namespaceSerializer);

  /** A timer service of this operator, created (or restored from the snapshot) on first use. */
  <N> InternalTimerService<N> timerService(String name, TypeSerializer<N> namespaceSerializer,
      Triggerable<K, N> target);

  /** Processing time of the timer services; set by the task before any timer service is created. */
  void setProcessingTimeService(ProcessingTimeService processingTime);

  /** Fires all event-time timers at or before {@code watermark}, in time order, across timer services. */
  void advanceWatermark(long watermark) throws Exception;

  /** Synchronous part of a checkpoint; see {@link KeyedStateSnapshot}. */
  KeyedStateSnapshot snapshot(long checkpointId) throws Exception;

  /** Loads the key groups of this backend's range from the given snapshots; before any state is used. */
  void restore(List<KeyGroupsStateHandle> handles) throws Exception;

  /** Frees memory and files. */
  @Override
  void close();
}
