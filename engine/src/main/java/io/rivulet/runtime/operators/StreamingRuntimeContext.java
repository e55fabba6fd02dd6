package io.rivulet.runtime.operators;

import io.rivulet.api.functions.RuntimeContext;
import io.rivulet.api.state.KeyedStateStore;
import io.rivulet.runtime.state.BackendStateStore;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.state.VoidNamespace;

/** The {@link RuntimeContext} of user functions, backed by the operator's context. */
public final class StreamingRuntimeContext implements RuntimeContext {
  private final OperatorContext context;
  private KeyedStateStore state;

  public StreamingRuntimeContext(OperatorContext context) {
    this.context = context;
  }

  @Override
  public String jobName() {
    return context.jobName();
  }

  @Override
  public String taskName() {
    return context.operatorName();
  }

  @Override
  public int subtaskIndex() {
    return context.subtaskIndex();
  }

  @Override
  public int parallelism() {
    return context.parallelism();
  }

  @Override
  public int maxParallelism() {
    return context.maxParallelism();
  }

  @Override
  public int attemptNumber() {
    return context.attemptNumber();
  }

  @Override
  public ClassLoader userClassLoader() {
    return context.userClassLoader();
  }

  @Override
  public KeyedStateStore state() {
    if (state == null) {
      KeyedStateBackend<?> backend = context.keyedStateBackend();
      if (backend == null) {
        throw new IllegalStateException("keyed state is only available on a keyed stream: '"
            + context.operatorName() + "' needs a keyBy(...) before it");
      }
      state = new BackendStateStore<>(backend, VoidNamespace.INSTANCE, VoidNamespace.Serializer.INSTANCE);
    }
    return state;
  }
}
