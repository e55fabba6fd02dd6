package io.rivulet.runtime.state;

import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.AggregatingState;
import io.rivulet.api.state.AggregatingStateDescriptor;
import io.rivulet.api.state.KeyedStateStore;
import io.rivulet.api.state.ListState;
import io.rivulet.api.state.ListStateDescriptor;
import io.rivulet.api.state.MapState;
import io.rivulet.api.state.MapStateDescriptor;
import io.rivulet.api.state.ReducingState;
import io.rivulet.api.state.ReducingStateDescriptor;
import io.rivulet.api.state.State;
import io.rivulet.api.state.StateDescriptor;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;

/**
 * A {@link KeyedStateStore} over a backend with a fixed namespace: {@link VoidNamespace} for plain keyed
 * state, or one window for window-scoped state.
 */
public final class BackendStateStore<N> implements KeyedStateStore {
  private final KeyedStateBackend<?> backend;
  private final N namespace;
  private final TypeSerializer<N> namespaceSerializer;

  public BackendStateStore(KeyedStateBackend<?> backend, N namespace, TypeSerializer<N> namespaceSerializer) {
    this.backend = backend;
    this.namespace = namespace;
    this.namespaceSerializer = namespaceSerializer;
  }

  @SuppressWarnings("unchecked")
  private <S extends State> S get(StateDescriptor<S, ?> descriptor) {
    S state = backend.getOrCreateState(descriptor, namespaceSerializer);
    ((InternalKvState<N>) state).setCurrentNamespace(namespace);
    return state;
  }

  @Override
  public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
    return get(descriptor);
  }

  @Override
  public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
    return get(descriptor);
  }

  @Override
  public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
    return get(descriptor);
  }

  @Override
  public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
    return get(descriptor);
  }

  @Override
  public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
      AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
    return get(descriptor);
  }
}
